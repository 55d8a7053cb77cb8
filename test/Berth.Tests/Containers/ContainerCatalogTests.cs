using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Tests.Fakes;

namespace Berth.Tests.Containers;

/// <summary>How the catalog finds containers and what it tells other services.</summary>
public sealed class ContainerCatalogTests : IDisposable
{
    private readonly EngineParts _engine = new(
        EngineParts.Stored("aaaa1111", "one", ContainerStatus.Running),
        EngineParts.Stored("aaaa2222", "two", ContainerStatus.Paused),
        EngineParts.Stored("bbbb3333", "three", ContainerStatus.Exited));

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Finds_by_id_name_and_unique_prefix()
    {
        string id = "bbbb3333".PadRight(64, '0');
        Assert.Equal(id, _engine.Catalog.Get(id).Id);
        Assert.Equal(id, _engine.Catalog.Get("three").Id);
        Assert.Equal(id, _engine.Catalog.Get("/three").Id);
        Assert.Equal(id, _engine.Catalog.Get("bbbb").Id);
    }

    [Fact]
    public void An_ambiguous_prefix_is_invalid_and_a_missing_container_not_found()
    {
        var ambiguous = Assert.Throws<BerthException>(() => _engine.Catalog.Get("aaaa"));
        Assert.Equal(ErrorKind.InvalidArgument, ambiguous.Kind);
        Assert.Equal("Multiple IDs found with provided prefix: aaaa", ambiguous.Message);
        var missing = Assert.Throws<BerthException>(() => _engine.Catalog.Get("nope"));
        Assert.Equal("No such container: nope", missing.Message);
    }

    [Fact]
    public void Running_includes_paused_and_using_image_lists_the_image_users()
    {
        Assert.Equal(["one", "two"], _engine.Catalog.Running().Select(c => c.Name).Order());
        Assert.Equal(3, _engine.Catalog.UsingImage(EngineParts.Busybox.Id).Count);
        Assert.Empty(_engine.Catalog.UsingImage("sha256:" + new string('0', 64)));
    }
}
