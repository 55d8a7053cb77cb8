using Berth.Cli.Commands;

namespace Berth.Tests.Cli.Commands;

public sealed class ArgumentRuleTests
{
    [Fact]
    public void NoArguments()
    {
        Assert.Equal("'berth ps' accepts no arguments", ArgumentRule.None.Check("berth ps", 1, out var seeHelp));
        Assert.False(seeHelp);
    }

    [Fact]
    public void AtLeastUsesSee()
    {
        Assert.Equal("'berth rm' requires at least 1 argument", ArgumentRule.AtLeastOne.Check("berth rm", 0, out var seeHelp));
        Assert.True(seeHelp);
    }

    [Fact]
    public void Exactly() => Assert.Equal("'berth tag' requires 2 arguments", ArgumentRule.Exactly(2).Check("berth tag", 1, out _));

    [Fact]
    public void AcceptsValidCounts() => Assert.Null(new ArgumentRule(1, 2).Check("berth import", 2, out _));
}
