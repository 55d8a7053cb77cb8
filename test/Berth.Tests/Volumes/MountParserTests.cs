using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Volumes;

namespace Berth.Tests.Volumes;

public sealed class MountParserTests
{
    [Fact]
    public void An_absolute_source_is_a_bind_with_dockers_default_propagation()
    {
        var m = MountParser.ParseBind("/host//dir/:/data/:ro");
        Assert.Equal(new MountPoint { Type = "bind", Source = "/host/dir", Destination = "/data", Mode = "ro", RW = false, Propagation = "rprivate" }, m);
        Assert.Equal("rshared", MountParser.ParseBind("/a:/b:rshared,rw").Propagation);
    }

    [Fact]
    public void Any_other_source_names_a_volume_copied_up_unless_nocopy()
    {
        var m = MountParser.ParseBind("data:/var/lib/data");
        Assert.Equal(new MountPoint { Type = "volume", Name = "data", Destination = "/var/lib/data", Driver = "local", Mode = "z", RW = true, CopyData = true }, m);
        var nocopy = MountParser.ParseBind("data:/d:ro,nocopy");
        Assert.False(nocopy.CopyData);
        Assert.False(nocopy.RW);
        Assert.Equal("ro,nocopy", nocopy.Mode);
    }

    [Fact]
    public void A_lone_destination_is_an_anonymous_volume()
    {
        Assert.Equal(new MountPoint { Type = "volume", Destination = "/anon", Driver = "local", CopyData = true }, MountParser.ParseBind("/anon/"));
    }

    [Theory]
    [InlineData("data:/d:foo", "invalid mode: foo")]
    [InlineData("data", "invalid volume specification: 'data'")]
    [InlineData("data:/d:ro,rw", "invalid mode: ro,rw")]
    [InlineData("/a:/d:nocopy", "invalid mode: nocopy")]
    [InlineData("a:b", "invalid volume specification: 'a:b': invalid mount config for type \"volume\": invalid mount path: 'b' mount path must be absolute")]
    [InlineData("a:/b:ro:x", "invalid volume specification: 'a:/b:ro:x'")]
    [InlineData(":/b", "invalid volume specification: ':/b'")]
    public void Bad_binds_get_dockers_errors(string spec, string message)
    {
        var e = Assert.Throws<BerthException>(() => MountParser.ParseBind(spec));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Mount_specs_become_mount_points()
    {
        var bind = MountParser.ParseSpec(new MountSpec { Type = "bind", Source = "/src", Target = "/dst", ReadOnly = true, BindOptions = new BindMountOptions { Propagation = "rslave" } });
        Assert.Equal(new MountPoint { Type = "bind", Source = "/src", Destination = "/dst", RW = false, Propagation = "rslave" }, bind);
        var anonymous = MountParser.ParseSpec(new MountSpec { Type = "volume", Target = "/v", VolumeOptions = new VolumeMountOptions { NoCopy = true } });
        Assert.Null(anonymous.Name);
        Assert.False(anonymous.CopyData);
        var tmpfs = MountParser.ParseSpec(new MountSpec { Type = "tmpfs", Target = "/t", TmpfsOptions = new TmpfsMountOptions { SizeBytes = 1 << 20, Mode = 0x1ff } });
        Assert.Equal("size=1048576,mode=777", tmpfs.TmpfsOptions);
    }

    [Fact]
    public void Bind_nonrecursive_and_volume_subpath_are_kept_and_a_subpath_must_stay_inside()
    {
        Assert.True(MountParser.ParseSpec(new MountSpec { Type = "bind", Source = "/src", Target = "/dst", BindOptions = new BindMountOptions { NonRecursive = true } }).NonRecursive);
        Assert.Equal("a/b", MountParser.ParseSpec(new MountSpec { Type = "volume", Source = "v", Target = "/v", VolumeOptions = new VolumeMountOptions { Subpath = "a/b" } }).Subpath);
        foreach (string bad in new[] { "/abs", "../up", "a/../../b" })
        {
            var e = Assert.Throws<BerthException>(() => MountParser.ParseSpec(new MountSpec { Type = "volume", Source = "v", Target = "/v", VolumeOptions = new VolumeMountOptions { Subpath = bad } }));
            Assert.Equal("invalid mount config for type \"volume\": subpath must be a relative path within the volume", e.Message);
        }
    }

    [Theory]
    [InlineData("bind", "", "/x", "invalid mount config for type \"bind\": field Source must not be empty")]
    [InlineData("tmpfs", "a", "/x", "invalid mount config for type \"tmpfs\": field Source must not be specified")]
    [InlineData("foo", "", "/x", "invalid mount config for type \"foo\": mount type unknown")]
    [InlineData("volume", "v", "", "invalid mount config for type \"volume\": field Target must not be empty")]
    [InlineData("volume", "v", "rel", "invalid mount config for type \"volume\": invalid mount path: 'rel' mount path must be absolute")]
    public void Bad_mount_specs_get_dockers_errors(string type, string source, string target, string message)
    {
        var e = Assert.Throws<BerthException>(() => MountParser.ParseSpec(new MountSpec { Type = type, Source = source, Target = target }));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Volumes_from_takes_an_optional_mode()
    {
        Assert.Equal(("c1", (bool?)null), MountParser.ParseVolumesFrom("c1"));
        Assert.Equal(("c1", (bool?)false), MountParser.ParseVolumesFrom("c1:ro"));
        Assert.Equal(("c1", (bool?)true), MountParser.ParseVolumesFrom("c1:rw"));
        Assert.Throws<BerthException>(() => MountParser.ParseVolumesFrom("c1:x"));
    }
}
