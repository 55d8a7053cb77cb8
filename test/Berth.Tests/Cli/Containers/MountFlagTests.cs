using System.Text.Json;
using Berth.Cli.Containers;
using Berth.Cli.Flags;

namespace Berth.Tests.Cli.Containers;

public sealed class MountFlagTests
{
    private static JsonElement HostConfig(params string[] args) => RunFlags.HostConfig(args);

    [Fact]
    public void Mounts_are_written_as_dockers_HostConfig_Mounts()
    {
        var host = HostConfig("--mount", "src=data,dst=/d,ro,volume-nocopy,volume-opt=type=tmpfs,volume-label=a=b",
            "--mount", "type=bind,source=/h,target=/b,bind-propagation=rslave",
            "--mount", "type=tmpfs,destination=/t,tmpfs-size=1m,tmpfs-mode=1770");
        Assert.Equal(
            """[{"Type":"volume","Source":"data","Target":"/d","ReadOnly":true,"VolumeOptions":{"NoCopy":true,"Labels":{"a":"b"},"DriverConfig":{"Options":{"type":"tmpfs"}}}},"""
            + """{"Type":"bind","Source":"/h","Target":"/b","BindOptions":{"Propagation":"rslave"}},"""
            + """{"Type":"tmpfs","Target":"/t","TmpfsOptions":{"SizeBytes":1048576,"Mode":1016}}]""",
            host.GetProperty("Mounts").GetRawText());
    }

    [Fact]
    public void No_mount_flag_writes_no_mounts() => Assert.False(HostConfig().TryGetProperty("Mounts", out _));

    [Theory]
    [InlineData("src=a,dst=/x,foo=1", "unexpected key 'foo' in 'foo=1'")]
    [InlineData("src=a", "target is required")]
    [InlineData("type=bind,src=/a,dst=/x,volume-nocopy", "cannot mix 'volume-*' options with mount type 'bind'")]
    [InlineData("type=volume,dst=/x,bind-propagation=shared", "cannot mix 'bind-*' options with mount type 'volume'")]
    [InlineData("type=bind,src=/a,dst=/x,tmpfs-size=1m", "cannot mix 'tmpfs-*' options with mount type 'bind'")]
    [InlineData("dst=/x,readonly=maybe", "invalid value for readonly: maybe")]
    [InlineData("type=tmpfs,dst=/x,tmpfs-mode=9", "invalid value for tmpfs-mode: 9")]
    [InlineData("dst=/x,junk", "invalid field 'junk' must be a key=value pair")]
    public void Bad_mounts_are_refused_when_the_flag_is_parsed(string value, string message)
    {
        var e = Assert.Throws<FlagException>(() => HostConfig("--mount", value));
        Assert.Equal($"invalid argument \"{value}\" for \"--mount\" flag: {message}", e.Message);
    }
}
