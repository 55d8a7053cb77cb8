using Berth.Client;

namespace Berth.Tests.Client;

public sealed class FilterArgsTests
{
    [Fact]
    public void EncodesLikeDocker()
    {
        var filters = new FilterArgs();
        filters.AddArgument("status=running");
        filters.AddArgument("label=a=b");
        filters.AddArgument("status=exited");
        Assert.Equal("{\"label\":{\"a=b\":true},\"status\":{\"running\":true,\"exited\":true}}", filters.ToJson());
    }

    [Fact]
    public void RejectsArgumentsWithoutEquals() => Assert.Throws<FormatException>(() => new FilterArgs().AddArgument("foo"));
}
