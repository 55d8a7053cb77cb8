using Berth.Core.Errors;
using Berth.Daemon;

namespace Berth.Tests.Api;

public sealed class DaemonOptionsTests
{
    [Fact]
    public void Defaults_put_the_socket_in_the_exec_root()
    {
        var o = DaemonOptions.Parse(["--config-file", "/nonexistent.json"]);
        Assert.Equal("/var/lib/berth", o.DataRoot);
        Assert.Equal(["unix:///run/berth/berth.sock"], o.Hosts);
    }

    [Fact]
    public void The_bridge_defaults_to_berth0_on_172_30_and_follows_bridge_and_bip()
    {
        var d = DaemonOptions.Parse(["--config-file", "/nonexistent.json"]);
        Assert.Equal(("berth0", "172.30.0.1/16"), (d.Bridge, d.Bip));
        var o = DaemonOptions.Parse(["--config-file", "/nonexistent.json", "--bridge", "br9", "--bip=10.9.0.1/24"]);
        Assert.Equal(("br9", "10.9.0.1/24"), (o.Bridge, o.Bip));
    }

    [Fact]
    public void Fixed_cidr_and_address_pools_are_read_from_flags_and_the_config_file()
    {
        var o = DaemonOptions.Parse(["--config-file", "/nonexistent.json", "--fixed-cidr", "172.30.5.0/24",
            "--default-address-pool", "base=10.80.0.0/16,size=24", "--default-address-pool", "base=10.81.0.0/20,size=28"]);
        Assert.Equal("172.30.5.0/24", o.FixedCidr);
        Assert.Equal(["10.80.0.0/16 24", "10.81.0.0/20 28"], o.AddressPools.Select(p => $"{p.Base} {p.Size}"));
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"fixed-cidr": "172.30.6.0/24", "default-address-pools": [{"base": "10.82.0.0/16", "size": 26}]}""");
            var f = DaemonOptions.Parse(["--config-file", file]);
            Assert.Equal("172.30.6.0/24", f.FixedCidr);
            Assert.Equal(["10.82.0.0/16 26"], f.AddressPools.Select(p => $"{p.Base} {p.Size}"));
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Throws<BerthException>(() => DaemonOptions.Parse(["--config-file", "/nonexistent.json", "--default-address-pool", "base=10.80.0.0/16,size=8"]));
    }

    [Fact]
    public void Dockerd_flag_names_are_accepted()
    {
        var o = DaemonOptions.Parse(["--config-file=/nonexistent.json", "-H", "unix:///a.sock", "--host=unix:///b.sock", "--data-root", "/d", "--exec-root=/e", "--log-level", "debug"]);
        Assert.Equal(["unix:///a.sock", "unix:///b.sock"], o.Hosts);
        Assert.Equal("/d", o.DataRoot);
        Assert.Equal("/e", o.ExecRoot);
        Assert.Equal("debug", o.LogLevel);
    }

    [Fact]
    public void Unknown_flags_are_refused() =>
        Assert.Throws<BerthException>(() => DaemonOptions.Parse(["--config-file", "/nonexistent.json", "--bogus"]));

    [Fact]
    public void The_config_file_is_read_and_flags_win()
    {
        string file = Path.GetTempFileName();
        File.WriteAllText(file, """{"data-root": "/from-file", "log-level": "warn"}""");
        var o = DaemonOptions.Parse(["--config-file", file, "--log-level", "error"]);
        Assert.Equal("/from-file", o.DataRoot);
        Assert.Equal("error", o.LogLevel);
        File.Delete(file);
    }

    [Fact]
    public void Insecure_registries_come_from_flags_and_the_config_file()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"insecure-registries": ["10.0.0.0/8", "myreg:5000"]}""");
            var o = DaemonOptions.Parse(["--config-file", file, "--insecure-registry", "other:443"]);
            Assert.Equal(["10.0.0.0/8", "myreg:5000", "other:443"], o.InsecureRegistries);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Limits_default_generously_and_come_from_the_config_file()
    {
        var d = DaemonOptions.Parse(["--config-file", "/nonexistent.json"]);
        Assert.Equal((16L << 20, 100, 1L << 30, 1L << 40, 4_000_000L, 8),
            (d.MaxJsonBodySize, d.ArchiveLimits.MaxExpansionRatio, d.ArchiveLimits.ExpansionFloor, d.ArchiveLimits.MaxDecompressedSize,
             d.ArchiveLimits.MaxEntries, d.ArchiveLimits.MaxIndexDepth));
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """
                {"max-json-body-size": 1024, "max-expansion-ratio": 0, "expansion-ratio-floor": 4096,
                 "max-decompressed-size": 1048576, "max-archive-entries": 10, "max-manifest-depth": 2}
                """);
            var o = DaemonOptions.Parse(["--config-file", file]);
            Assert.Equal((1024L, 0, 4096L, 1048576L, 10L, 2),
                (o.MaxJsonBodySize, o.ArchiveLimits.MaxExpansionRatio, o.ArchiveLimits.ExpansionFloor, o.ArchiveLimits.MaxDecompressedSize,
                 o.ArchiveLimits.MaxEntries, o.ArchiveLimits.MaxIndexDepth));
            File.WriteAllText(file, """{"max-archive-entries": "lots"}""");
            var e = Assert.Throws<BerthException>(() => DaemonOptions.Parse(["--config-file", file]));
            Assert.Equal("""invalid max-archive-entries in daemon.json: "lots" (want a whole number above 0)""", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
