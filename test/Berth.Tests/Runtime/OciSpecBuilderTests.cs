using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Engine.Runtime;

namespace Berth.Tests.Runtime;

public sealed class OciSpecBuilderTests : IDisposable
{
    private readonly TempDir _rootfs = new();

    private JsonObject Build(HostConfig? host = null, ContainerConfig? config = null, ulong nofile = 20000, IReadOnlyList<string>? hostCaps = null, IReadOnlyList<MountPoint>? mounts = null)
    {
        Directory.CreateDirectory(_rootfs["etc"]);
        File.WriteAllText(_rootfs["etc/passwd"], "root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\napp:x:1000:1000::/:/bin/sh\n");
        File.WriteAllText(_rootfs["etc/group"], "root:x:0:\nwheel:x:10:app\napp:x:1000:\n");
        var c = new Container
        {
            Id = new string('a', 64), Name = "t", Created = DateTime.UtcNow, ImageId = "sha256:" + new string('b', 64),
            Config = config ?? new ContainerConfig { Env = ["A=1"] }, HostConfig = host ?? new HostConfig(), Path = "sh", Args = ["-c", "true"],
        };
        return OciSpecBuilder.Build(new SpecInputs
        {
            Container = c, Rootfs = _rootfs.Path, Hostname = "host1", EtcFiles = new Dictionary<string, string> { ["hosts"] = "/x/hosts" },
            HostNofileHard = nofile, HostCapabilities = hostCaps ?? CapabilityNames.All.Keys.Where(k => k != "CAP_SYS_RESOURCE").ToList(),
            Mounts = mounts ?? [],
        });
    }

    private static List<string> Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    [Fact]
    public void Defaults_are_dockers()
    {
        var spec = Build();
        Assert.Equal(["sh", "-c", "true"], Strings(spec["process"]!["args"]));
        Assert.Equal(DefaultSecurity.Capabilities.Order(), Strings(spec["process"]!["capabilities"]!["bounding"]).Order());
        Assert.Contains("/proc/kcore", Strings(spec["linux"]!["maskedPaths"]));
        Assert.Contains("/proc/sys", Strings(spec["linux"]!["readonlyPaths"]));
        var namespaces = spec["linux"]!["namespaces"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["ipc", "mount", "network", "pid", "uts"], namespaces.Order());
        Assert.Contains(spec["mounts"]!.AsArray(), m => m!["destination"]!.GetValue<string>() == "/etc/hosts");
    }

    [Fact]
    public void Nofile_never_exceeds_the_host_hard_limit()
    {
        var spec = Build(nofile: 20000);
        var nofile = spec["process"]!["rlimits"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "RLIMIT_NOFILE")!;
        Assert.Equal(20000UL, nofile["hard"]!.GetValue<ulong>());
        var asked = Build(new HostConfig { Ulimits = [new Ulimit { Name = "nofile", Soft = 1 << 20, Hard = 1 << 20 }] }, nofile: 20000);
        Assert.Equal(20000UL, asked["process"]!["rlimits"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "RLIMIT_NOFILE")!["hard"]!.GetValue<ulong>());
    }

    [Fact]
    public void Cap_add_and_drop_and_privileged_stay_within_the_hosts_capabilities()
    {
        var caps = Strings(Build(new HostConfig { CapAdd = ["NET_ADMIN"], CapDrop = ["chown"] })["process"]!["capabilities"]!["effective"]);
        Assert.Contains("CAP_NET_ADMIN", caps);
        Assert.DoesNotContain("CAP_CHOWN", caps);
        var all = Strings(Build(new HostConfig { Privileged = true })["process"]!["capabilities"]!["effective"]);
        Assert.DoesNotContain("CAP_SYS_RESOURCE", all);
        Assert.Contains("CAP_SYS_ADMIN", all);
        Assert.Empty(Strings(Build(new HostConfig { CapDrop = ["ALL"] })["process"]!["capabilities"]!["effective"]));
    }

    [Fact]
    public void Users_are_resolved_in_the_container_passwd_and_group()
    {
        var user = Build(config: new ContainerConfig { User = "app" })["process"]!["user"]!;
        Assert.Equal(1000u, user["uid"]!.GetValue<uint>());
        Assert.Equal(1000u, user["gid"]!.GetValue<uint>());
        Assert.Equal([1000u, 10u], user["additionalGids"]!.AsArray().Select(g => g!.GetValue<uint>()));
        var numeric = Build(config: new ContainerConfig { User = "4242:wheel" })["process"]!["user"]!;
        Assert.Equal(4242u, numeric["uid"]!.GetValue<uint>());
        Assert.Equal(10u, numeric["gid"]!.GetValue<uint>());
        Assert.Throws<Berth.Core.Errors.BerthException>(() => Build(config: new ContainerConfig { User = "nosuch" }));
    }

    [Fact]
    public void Host_networking_keeps_the_host_network_namespace()
    {
        var spec = Build(new HostConfig { NetworkMode = "host" });
        Assert.DoesNotContain(spec["linux"]!["namespaces"]!.AsArray(), n => n!["type"]!.GetValue<string>() == "network");
    }

    [Fact]
    public void The_primary_group_and_group_add_are_supplementary_groups()
    {
        uint[] Gids(JsonNode spec) => spec["process"]!["user"]!["additionalGids"]!.AsArray().Select(g => g!.GetValue<uint>()).ToArray();
        Assert.Equal([0u], Gids(Build(config: new ContainerConfig { User = "root" })));
        Assert.Equal([65534u, 10u, 777u], Gids(Build(new HostConfig { GroupAdd = ["wheel", "777"] }, new ContainerConfig { User = "nobody" })));
        Assert.Equal([0u], Gids(Build(config: new ContainerConfig { User = "4242" })));
        Assert.Equal([1000u], Gids(Build(config: new ContainerConfig { User = "app:app" })));
    }

    [Fact]
    public void Sysctls_go_to_the_spec_over_dockers_own_network_defaults()
    {
        var sysctl = Build(new HostConfig { Sysctls = new Dictionary<string, string> { ["kernel.shmmax"] = "1234", ["net.ipv4.ip_unprivileged_port_start"] = "80" } })["linux"]!["sysctl"]!;
        Assert.Equal("""{"kernel.shmmax":"1234","net.ipv4.ip_unprivileged_port_start":"80","net.ipv4.ping_group_range":"0 2147483647"}""", sysctl.ToJsonString());
        Assert.Null(Build(new HostConfig { NetworkMode = "host" })["linux"]!["sysctl"]);
        Assert.Null(Build(new HostConfig { NetworkMode = "container:abc" })["linux"]!["sysctl"]);
        Assert.Equal("""{"net.ipv4.ip_forward":"1"}""", Build(new HostConfig { NetworkMode = "host", Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1" } })["linux"]!["sysctl"]!.ToJsonString());
    }

    [Fact]
    public void Recorded_masked_and_readonly_paths_replace_the_defaults_and_privileged_has_none()
    {
        var spec = Build(new HostConfig { MaskedPaths = [], ReadonlyPaths = ["/proc/bus"] });
        Assert.Empty(Strings(spec["linux"]!["maskedPaths"]));
        Assert.Equal(["/proc/bus"], Strings(spec["linux"]!["readonlyPaths"]));
        Assert.Null(Build(new HostConfig { Privileged = true })["linux"]!["maskedPaths"]);
    }

    public void Dispose() => _rootfs.Dispose();

    [Fact]
    public void User_mounts_go_parents_first_and_never_hide_the_etc_files()
    {
        var spec = Build(mounts:
        [
            new MountPoint { Type = "bind", Source = "/h/cache", Destination = "/etc/app/cache", Propagation = "rprivate" },
            new MountPoint { Type = "volume", Name = "v", Source = "/vol/v/_data", Destination = "/etc", RW = false },
            new MountPoint { Type = "tmpfs", Destination = "/t", TmpfsOptions = "size=1024" },
        ]);
        var mounts = spec["mounts"]!.AsArray().Select(m => m!["destination"]!.GetValue<string>()).ToList();
        Assert.True(mounts.IndexOf("/etc") < mounts.IndexOf("/etc/hosts"));
        Assert.True(mounts.IndexOf("/etc") < mounts.IndexOf("/etc/app/cache"));
        var etc = spec["mounts"]!.AsArray().Single(m => m!["destination"]!.GetValue<string>() == "/etc")!;
        Assert.Equal(["rbind", "ro"], Strings(etc["options"]));
        Assert.Equal("/vol/v/_data", etc["source"]!.GetValue<string>());
        var tmpfs = spec["mounts"]!.AsArray().Single(m => m!["destination"]!.GetValue<string>() == "/t")!;
        Assert.Contains("size=1024", Strings(tmpfs["options"]));
    }
}
