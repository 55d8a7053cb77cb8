using ApiJson = Berth.Daemon.Api.Json;
using System.Text.Json;
using Berth.Core.Containers;
using Berth.Daemon.Api;
using Berth.Daemon.Api.Models;

namespace Berth.Tests.Api.Models;

/// <summary>Docker's create, update and connect JSON through the API models into Core's records, and back out as inspect shows it.</summary>
public sealed class ContainerModelTests
{
    private const string CreateBody = """
        {"Hostname":"","Image":"busybox","Cmd":["sh"],"ArgsEscaped":true,"MacAddress":"","NetworkDisabled":false,
         "Labels":{"a":"b"},"ExposedPorts":{"80/tcp":{}},
         "HostConfig":{"NetworkMode":"default","RestartPolicy":{"Name":"on-failure","MaximumRetryCount":3},
           "PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]},"LogConfig":{"Type":"","Config":{}},
           "CgroupParent":"","BlkioWeightDevice":[],"KernelMemoryTCP":0,"DeviceRequests":[{"Driver":"x"}]},
         "NetworkingConfig":{"EndpointsConfig":{"net1":{"Aliases":["web",""],"IPAMConfig":{"IPv4Address":"10.9.0.5","LinkLocalIPs":[]},"MacAddress":"02:42:0a:09:00:05","DriverOpts":null},"net2":null}}}
        """;

    private static ContainerCreateRequest Parse(string body) => JsonSerializer.Deserialize(body, DaemonJson.Api.ContainerCreateRequest)!;

    [Fact]
    public void Unknown_fields_of_a_create_body_come_back_in_inspect()
    {
        var create = Parse(CreateBody);
        ContainerConfig config = create.ToCore();
        HostConfig host = create.HostToCore();

        Assert.Equal(["ArgsEscaped", "MacAddress", "NetworkDisabled"], config.Extra.Keys.Order());
        Assert.Equal(["BlkioWeightDevice", "CgroupParent", "DeviceRequests", "KernelMemoryTCP"], host.Extra.Keys.Order());
        string configJson = JsonSerializer.Serialize(ContainerConfigModel.From(config), ApiJson.Options);
        string hostJson = JsonSerializer.Serialize(HostConfigModel.From(host), ApiJson.Options);
        Assert.EndsWith("\"ArgsEscaped\":true,\"MacAddress\":\"\",\"NetworkDisabled\":false}", configJson);
        Assert.Contains("\"ExposedPorts\":{\"80/tcp\":{}}", configJson);
        Assert.DoesNotContain("HostConfig", configJson);
        Assert.EndsWith("\"CgroupParent\":\"\",\"BlkioWeightDevice\":[],\"KernelMemoryTCP\":0,\"DeviceRequests\":[{\"Driver\":\"x\"}]}", hostJson);
        Assert.Contains("\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]}", hostJson);
    }

    [Fact]
    public void Inspect_shows_the_records_as_berth_stores_them()
    {
        // The Core records keep the JSON shape Berth always stored (and showed), so the wire
        // models must write exactly what the records' own serialization writes.
        var create = Parse(CreateBody);
        var config = create.ToCore() with { Healthcheck = JsonDocument.Parse("""{"Test":["CMD","true"]}""").RootElement, StopSignal = "SIGINT" };
        var host = create.HostToCore() with { ConsoleSize = [24, 80], Init = true, Ulimits = [new Ulimit { Name = "nofile", Soft = 1, Hard = 2 }] };
        Assert.Equal(JsonSerializer.Serialize(config, ApiJson.Options), JsonSerializer.Serialize(ContainerConfigModel.From(config), ApiJson.Options));
        Assert.Equal(JsonSerializer.Serialize(host, ApiJson.Options), JsonSerializer.Serialize(HostConfigModel.From(host), ApiJson.Options));
        var bare = Parse("""{"Image":"busybox"}""");
        Assert.Equal(JsonSerializer.Serialize(bare.ToCore(), ApiJson.Options), JsonSerializer.Serialize(ContainerConfigModel.From(bare.ToCore()), ApiJson.Options));
        Assert.Equal(JsonSerializer.Serialize(bare.HostToCore(), ApiJson.Options), JsonSerializer.Serialize(HostConfigModel.From(bare.HostToCore()), ApiJson.Options));
    }

    [Fact]
    public void Null_and_missing_fields_become_the_records_defaults()
    {
        var create = Parse("""{"Image":"busybox","Hostname":null,"User":null,"Env":null,"HostConfig":{"RestartPolicy":null,"LogConfig":{"Type":null,"Config":null},"NetworkMode":null,"CpusetCpus":null}}""");
        var config = create.ToCore();
        var host = create.HostToCore();
        Assert.Equal(("", ""), (config.Hostname, config.User));
        Assert.Null(config.Env);
        Assert.Empty(config.Extra);
        Assert.Equal(new RestartPolicy(), host.RestartPolicy);
        Assert.Equal("no", host.RestartPolicy.Name);
        Assert.Equal("", host.LogConfig.Type);
        Assert.Empty(host.LogConfig.Config);
        Assert.Equal(("", ""), (host.NetworkMode, host.CpusetCpus));

        var none = Parse("""{"Image":"busybox"}""");
        Assert.Equal(new RestartPolicy(), none.HostToCore().RestartPolicy);
        Assert.Empty(none.HostToCore().Extra);
        Assert.Empty(none.EndpointsToCore(ApiVersion.Current));
    }

    [Fact]
    public void Null_booleans_and_numbers_are_their_zero_values_as_in_go()
    {
        // docker-compose's long volume syntax: docker-py sends ReadOnly null when the file says nothing.
        var create = Parse("""{"Image":"busybox","Tty":null,"HostConfig":{"Privileged":null,"Memory":null,"CpuShares":null,"Mounts":[{"Type":"volume","Source":"data","Target":"/data","ReadOnly":null,"Consistency":null}]}}""");
        var host = create.HostToCore();
        Assert.False(create.ToCore().Tty);
        Assert.False(host.Privileged);
        Assert.Equal((0L, 0L), (host.Memory, host.CpuShares));
        Assert.False(Assert.Single(host.Mounts!).ReadOnly);
    }

    [Fact]
    public void Endpoint_settings_keep_aliases_address_and_mac()
    {
        var endpoints = Parse(CreateBody).EndpointsToCore(ApiVersion.Current);
        Assert.Equal(["web"], endpoints["net1"].Aliases);
        Assert.Equal("10.9.0.5", endpoints["net1"].IPv4Address);
        Assert.Equal("02:42:0a:09:00:05", endpoints["net1"].MacAddress);
        var bare = endpoints["net2"];
        Assert.Equal(("", ""), (bare.IPv4Address, bare.MacAddress));
        Assert.Empty(bare.Links);
        Assert.Empty(bare.DriverOpts);
        Assert.Empty(bare.LinkLocalIPs);
    }

    [Fact]
    public void An_update_sets_only_what_it_sends_and_leaves_the_current_record_alone()
    {
        var current = Parse(CreateBody).HostToCore() with { Memory = 64 << 20, CpusetCpus = "0", PidsLimit = 100 };
        string before = JsonSerializer.Serialize(current, ApiJson.Options);
        using var body = JsonDocument.Parse("""{"Memory":0,"CpuShares":512,"PidsLimit":0,"OomKillDisable":null,"RestartPolicy":{"Name":"always","MaximumRetryCount":0}}""");

        var updated = new ContainerUpdateRequest(body.RootElement).ApplyTo(current);

        Assert.Equal((64L << 20, 512L, 0L), (updated.Memory, updated.CpuShares, updated.PidsLimit));
        Assert.Equal("always", updated.RestartPolicy.Name);
        Assert.Equal(current.Extra.Keys, updated.Extra.Keys);
        Assert.Equal(before, JsonSerializer.Serialize(current, ApiJson.Options));
    }

    [Theory]
    [InlineData(0, 0, """{"memory":67108864}""", "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time")]
    [InlineData(0, 0, """{"Memory":67108864,"MemorySwap":-1}""", null)]
    [InlineData(50_000, 0, """{"NanoCpus":500000000}""", "Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set")]
    [InlineData(0, 500_000_000, """{"CpuQuota":50000}""", "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set")]
    public void An_update_conflicting_with_the_containers_settings_is_refused_as_dockerd(long period, long nanoCpus, string update, string? conflict)
    {
        var current = new HostConfig { CpuPeriod = period, NanoCpus = nanoCpus };
        using var body = JsonDocument.Parse(update);
        var apply = () => new ContainerUpdateRequest(body.RootElement).ApplyTo(current);
        if (conflict is null)
        {
            Assert.Equal(64L << 20, apply().Memory);
            return;
        }
        var e = Assert.Throws<Berth.Core.Errors.BerthException>(apply);
        Assert.Equal((Berth.Core.Errors.ErrorKind.Conflict, conflict), (e.Kind, e.Message));
    }

    [Fact]
    public void A_records_unknown_fields_cannot_be_changed_through_the_dictionary_it_was_given()
    {
        var given = new Dictionary<string, JsonElement> { ["ArgsEscaped"] = JsonDocument.Parse("true").RootElement };
        var config = new ContainerConfig { Image = "busybox", Extra = given };
        given["Sneaky"] = JsonDocument.Parse("1").RootElement;
        var renamed = config with { Hostname = "h" };
        Assert.Equal(["ArgsEscaped"], config.Extra.Keys);
        Assert.Equal(["ArgsEscaped"], renamed.Extra.Keys);
        Assert.Equal("", config.Hostname);
    }

    [Fact]
    public void A_container_wide_mac_address_goes_to_the_endpoint_of_the_network_mode_as_docker()
    {
        const string mac = "02:42:0a:00:00:09";
        static ContainerCreateRequest WithMac(string body) => Parse(body.Replace("MAC", mac));
        var old = WithMac("""{"Image":"busybox","MacAddress":"MAC","HostConfig":{"NetworkMode":"default"}}""").EndpointsToCore("1.43");
        Assert.Equal(mac, old["default"].MacAddress);
        var onUser = WithMac("""{"Image":"busybox","MacAddress":"MAC","HostConfig":{"NetworkMode":"net1"},"NetworkingConfig":{"EndpointsConfig":{"net1":{"Aliases":["a"]}}}}""").EndpointsToCore(ApiVersion.Current);
        Assert.Equal((mac, "a"), (onUser["net1"].MacAddress, onUser["net1"].Aliases[0]));
        // Before 1.44 an endpoint's own MAC was ignored; a container-wide one on none is a conflict.
        Assert.Equal("", Parse(CreateBody).EndpointsToCore("1.43")["net1"].MacAddress);
        Assert.Equal("conflicting options: mac-address and the network mode", Assert.Throws<Berth.Core.Errors.BerthException>(() =>
            WithMac("""{"Image":"busybox","MacAddress":"MAC","HostConfig":{"NetworkMode":"none"}}""").EndpointsToCore("1.43")).Message);
        Assert.StartsWith("the container-wide MAC address must match", Assert.Throws<Berth.Core.Errors.BerthException>(() =>
            WithMac("""{"Image":"busybox","MacAddress":"MAC","HostConfig":{"NetworkMode":"net1"},"NetworkingConfig":{"EndpointsConfig":{"net1":{"MacAddress":"02:42:0a:00:00:01"}}}}""").EndpointsToCore(ApiVersion.Current)).Message);
    }

    [Fact]
    public void Inspect_shows_empty_lists_and_maps_where_the_api_description_types_them_and_drops_echoed_unset_values()
    {
        var create = Parse("""{"Image":"busybox","HostConfig":{"MemorySwappiness":-1,"CgroupnsMode":"","MaskedPaths":null,"KernelMemoryTCP":0}}""");
        string config = JsonSerializer.Serialize(ContainerConfigModel.Inspected(create.ToCore()), ApiJson.Options);
        string host = JsonSerializer.Serialize(HostConfigModel.Inspected(create.HostToCore()), ApiJson.Options);
        Assert.Contains("\"Env\":[],\"Cmd\":[]", config);
        Assert.Contains("\"Entrypoint\":[],\"OnBuild\":null,\"Labels\":{}", config); // OnBuild may be null in the description, and is in dockerd's answer
        Assert.Contains("\"CapAdd\":[],\"CapDrop\":[]", host);
        Assert.Contains("\"Tmpfs\":{}", host);
        Assert.EndsWith("\"CgroupnsMode\":\"host\",\"KernelMemoryTCP\":0}", host);
        Assert.DoesNotContain("MemorySwappiness", host);
        Assert.DoesNotContain("MaskedPaths", host);
    }

    [Fact]
    public void Inspect_shows_the_defaults_dockerd_fills_in_at_create()
    {
        // A body as docker-py sends it: only the fields given (no IpcMode, ShmSize, OomKillDisable).
        var create = Parse("""{"Image":"busybox","HostConfig":{"Memory":67108864}}""");
        var host = HostConfigModel.Inspected(create.HostToCore());
        Assert.Equal(("private", 64L << 20, false, 128L << 20), (host.IpcMode, host.ShmSize, host.OomKillDisable, host.MemorySwap));

        var given = HostConfigModel.Inspected(Parse("""{"Image":"busybox","HostConfig":{"IpcMode":"host","ShmSize":8388608,"Memory":67108864,"MemorySwap":-1,"OomKillDisable":true}}""").HostToCore());
        Assert.Equal(("host", 8L << 20, true, -1L), (given.IpcMode, given.ShmSize, given.OomKillDisable, given.MemorySwap));
    }
}
