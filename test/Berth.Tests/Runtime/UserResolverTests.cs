using Berth.Core.Errors;
using Berth.Engine.Runtime;
using Berth.Linux.Files;

namespace Berth.Tests.Runtime;

/// <summary>--user against the container's own /etc/passwd and /etc/group, hostile ones included.</summary>
public sealed class UserResolverTests : IDisposable
{
    private readonly TempDir _dir = new();
    private string Root => _dir["root"];

    public UserResolverTests()
    {
        Directory.CreateDirectory(Path.Combine(Root, "etc"));
        File.WriteAllText(Path.Combine(Root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        File.WriteAllText(Path.Combine(Root, "etc/group"), "root:x:0:\napp:x:1000:\nwheel:x:10:app\n");
    }

    [Fact]
    public void Names_and_numbers_resolve_with_supplementary_groups()
    {
        var app = UserResolver.Resolve(Root, "app");
        Assert.Equal((1000u, 1000u), (app.Uid, app.Gid));
        Assert.Equal([1000u, 10u], app.AdditionalGids);
        Assert.Equal((0u, 10u), (UserResolver.Resolve(Root, "0:wheel").Uid, UserResolver.Resolve(Root, "0:wheel").Gid));
        Assert.Equal("unable to find user nobody: no matching entries in passwd file",
            Assert.Throws<BerthException>(() => UserResolver.Resolve(Root, "nobody")).Message);
    }

    [Fact]
    public void A_fifo_group_file_fails_the_lookup_at_once()
    {
        File.Delete(Path.Combine(Root, "etc/group"));
        FileSystem.MakeNode(Path.Combine(Root, "etc/group"), FileSystem.NodeKind.Fifo, 0x1a4, 0, 0);
        var e = Assert.Throws<BerthException>(() => UserResolver.Resolve(Root, "0"));
        Assert.Equal("unable to find user 0: /etc/group is a FIFO, not a regular file", e.Message);
        Assert.StartsWith("Unable to find group wheel: ", Assert.Throws<BerthException>(() => UserResolver.ResolveGroup(Root, "wheel")).Message);
    }

    [Fact]
    public void A_symlinked_passwd_is_read_inside_the_root_not_on_the_host()
    {
        File.Delete(Path.Combine(Root, "etc/passwd"));
        File.WriteAllText(Path.Combine(Root, "etc/passwd.real"), "svc:x:42:42::/:/bin/sh\n");
        File.CreateSymbolicLink(Path.Combine(Root, "etc/passwd"), "/etc/passwd.real");
        Assert.Equal(42u, UserResolver.Resolve(Root, "svc").Uid);
        Assert.Throws<BerthException>(() => UserResolver.Resolve(Root, "root")); // the host's root is not seen
    }

    public void Dispose() => _dir.Dispose();
}
