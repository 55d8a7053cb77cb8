using Berth.Core.Mounts;
using Berth.Linux.Mounts;

namespace Berth.Tests.Mounts;

public sealed class MounterTests
{
    [RootFact]
    public void A_mount_point_is_mounted_and_what_is_under_it_is_not()
    {
        using var dir = new TempDir();
        string target = dir["target"];
        Directory.CreateDirectory(Path.Combine(target, "sub"));
        Assert.False(Mounter.IsMounted(target));

        Mounter.MountAt(new Mount("tmpfs", "tmpfs", ["size=1m"]), target);
        try
        {
            Directory.CreateDirectory(Path.Combine(target, "inside"));
            Assert.True(Mounter.IsMounted(target));
            Assert.True(Mounter.IsMounted(target + "/"));
            Assert.False(Mounter.IsMounted(Path.Combine(target, "inside")));
        }
        finally
        {
            Mounter.Unmount(target);
        }
        Assert.False(Mounter.IsMounted(target));
        Assert.False(Mounter.IsMounted(Path.Combine(dir.Path, "nothing-here")));
    }
}
