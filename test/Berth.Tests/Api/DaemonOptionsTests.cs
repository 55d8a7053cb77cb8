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
    public void Registry_and_mirror_settings_come_from_flags_and_the_config_file()
    {
        using var dir = new TempDir();
        string file = dir["daemon.json"];
        File.WriteAllText(file, """{"registry-addr": "127.0.0.1:5000", "registry-mirrors": ["http://127.0.0.1:6000"], "registry-htpasswd": "/etc/users"}""");
        var o = DaemonOptions.Parse(["--config-file", file, "--registry-tlscert", "c.pem", "--registry-tlskey=k.pem", "--registry-mirror", "https://m.example"]);
        Assert.Equal(("127.0.0.1:5000", "/etc/users", "c.pem", "k.pem"), (o.RegistryAddr, o.RegistryHtpasswd, o.RegistryTlsCert, o.RegistryTlsKey));
        Assert.Equal(["http://127.0.0.1:6000", "https://m.example"], o.RegistryMirrors);
        Assert.Null(DaemonOptions.Parse(["--config-file", "/nonexistent.json"]).RegistryAddr); // off by default
    }

    [Fact]
    public void Tls_flags_follow_dockerd_tlsverify_at_all_turns_tls_on()
    {
        var none = DaemonOptions.Parse(["--config-file", "/nonexistent.json"]);
        Assert.False(none.Tls.Serve);
        Assert.False(none.Tls.UnauthenticatedAllowed);
        var verify = DaemonOptions.Parse(["--config-file", "/nonexistent.json", "--tlsverify", "--tlscacert", "/c/ca.pem", "--tlscert=/c/s.pem", "--tlskey", "/c/k.pem"]);
        Assert.True(verify.Tls.Serve && verify.Tls.VerifyClients);
        Assert.Equal(("/c/ca.pem", "/c/s.pem", "/c/k.pem"), (verify.Tls.CaCert, verify.Tls.Cert, verify.Tls.Key));
        var noVerify = DaemonOptions.Parse(["--config-file", "/nonexistent.json", "--tlsverify=false"]);
        Assert.True(noVerify.Tls.Serve);
        Assert.False(noVerify.Tls.VerifyClients);
        var plain = DaemonOptions.Parse(["--config-file", "/nonexistent.json", "--tls=false"]);
        Assert.False(plain.Tls.Serve);
        Assert.True(plain.Tls.UnauthenticatedAllowed);
        Assert.Throws<BerthException>(() => DaemonOptions.Parse(["--config-file", "/nonexistent.json", "--tls=maybe"]));
    }

    [Fact]
    public void Daemon_json_gives_hosts_and_tls_and_a_host_flag_too_is_refused_as_dockerd_does()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"hosts": ["tcp://0.0.0.0:2376"], "tls": true, "tlsverify": true, "tlscacert": "/x/ca.pem", "tlscert": "/x/cert.pem", "tlskey": "/x/key.pem"}""");
            var o = DaemonOptions.Parse(["--config-file", file]);
            Assert.Equal(["tcp://0.0.0.0:2376"], o.Hosts);
            Assert.True(o.Tls.VerifyClients);
            Assert.Equal(("/x/ca.pem", "/x/cert.pem", "/x/key.pem"), (o.Tls.CaCert, o.Tls.Cert, o.Tls.Key));
            var e = Assert.Throws<BerthException>(() => DaemonOptions.Parse(["--config-file", file, "-H", "unix:///a.sock"]));
            Assert.Contains("the following directives are specified both as a flag and in the configuration file: hosts", e.Message);
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

    [Theory]
    [InlineData("tcp://0.0.0.0:2376", true, "0.0.0.0:2376")]
    [InlineData("tcp://127.0.0.1", true, "127.0.0.1:2376")]
    [InlineData("tcp://127.0.0.1", false, "127.0.0.1:2375")]
    [InlineData("tcp://:2380", false, "0.0.0.0:2380")]
    [InlineData("tcp://[::1]:2376", true, "[::1]:2376")]
    [InlineData("tcp://localhost:9", true, "127.0.0.1:9")]
    public void Tcp_addresses_default_the_port_by_tls(string address, bool tls, string endPoint) =>
        Assert.Equal(endPoint, SocketListener.TcpEndPoint(address, tls).ToString());

    [Fact]
    public void Info_warns_of_a_tcp_api_without_encryption_or_client_verification()
    {
        var plain = DaemonOptions.Parse(["--config-file", "/nonexistent.json", "-H", "tcp://0.0.0.0:2375", "--tls=false"]);
        Assert.StartsWith("WARNING: API is accessible on http://0.0.0.0:2375 without encryption.", Assert.Single(Berth.Daemon.Api.SystemRoutes.ApiExposureWarnings(plain)));
        var tls = DaemonOptions.Parse(["--config-file", "/nonexistent.json", "-H", "tcp://0.0.0.0:2376", "--tls"]);
        Assert.StartsWith("WARNING: API is accessible on https://0.0.0.0:2376 without TLS client verification.", Assert.Single(Berth.Daemon.Api.SystemRoutes.ApiExposureWarnings(tls)));
        var verify = DaemonOptions.Parse(["--config-file", "/nonexistent.json", "-H", "tcp://0.0.0.0:2376", "--tlsverify"]);
        Assert.Empty(Berth.Daemon.Api.SystemRoutes.ApiExposureWarnings(verify));
    }
}
