using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Berth.Core.Containers;
using Berth.Core.Networking;
using Berth.Core.Volumes;
using Berth.Daemon.Api;
using Berth.Daemon.Api.Models;
using Berth.Engine;

namespace Berth.Tests.Json;

/// <summary>
/// Core's records read through source-generated metadata keep the initializers of the
/// properties the JSON leaves out (dotnet/runtime#84484 loses those of init-only ones): what
/// berth.db holds from older versions and what clients send without every field.
/// </summary>
public sealed class GeneratedRecordDefaultsTests
{
    private static readonly JsonSerializerOptions ReflectionEngine = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
    private static readonly JsonSerializerOptions ReflectionApi = new(DaemonJson.Api.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static TheoryData<string> EngineTypes() => [.. ObjectTypes(EngineJson.Default.Options, typeof(Container), typeof(Volume), typeof(NetworkDefinition), typeof(ContainerConfig)).Select(t => t.FullName!)];

    public static TheoryData<string> ApiTypes() => [.. ObjectTypes(DaemonJson.Api.Options, typeof(ContainerCreateRequest), typeof(HostConfigModel), typeof(EndpointSettingsModel), typeof(ContainerConfig)).Select(t => t.FullName!)];

    /// <summary>Every object type the engine reads, from its required fields only: as reflection (the initializers) reads it.</summary>
    [Theory]
    [MemberData(nameof(EngineTypes))]
    public void Engine_record_from_its_required_fields_keeps_its_initializers(string typeName) =>
        AssertSameAsReflection(FindType(typeName), EngineJson.Default.Options, ReflectionEngine);

    [Theory]
    [MemberData(nameof(ApiTypes))]
    public void Api_body_from_its_required_fields_keeps_its_initializers(string typeName) =>
        AssertSameAsReflection(FindType(typeName), DaemonJson.Api.Options, ReflectionApi);

    [Fact]
    public void Empty_container_document_has_the_defaults()
    {
        var c = JsonSerializer.Deserialize("""
            {"Id":"c1","Name":"n","Created":"2024-01-01T00:00:00Z","ImageId":"sha256:1","Path":"sh","Args":[],"HostConfig":{},"Config":{}}
            """, EngineJson.Default.Container)!;
        Assert.Equal("overlay2", c.Driver);
        Assert.NotNull(c.State);
        Assert.Equal(ContainerStatus.Created, c.State.Status);
        Assert.Equal("", c.State.Error);
        Assert.Empty(c.Mounts);
        Assert.Empty(c.Endpoints);
        Assert.Equal("no", c.HostConfig.RestartPolicy.Name);
        Assert.Equal("", c.HostConfig.NetworkMode);
        Assert.NotNull(c.HostConfig.LogConfig.Config);
        Assert.Equal("", c.Config.Image);
        Assert.Equal("", c.Config.WorkingDir);
    }

    [Fact]
    public void Partial_mount_point_is_read_write_with_empty_texts()
    {
        var m = JsonSerializer.Deserialize("""{"Type":"bind","Destination":"/data","Mode":"z"}""", EngineJson.Default.Options.GetTypeInfo(typeof(MountPoint)));
        var mount = Assert.IsType<MountPoint>(m);
        Assert.True(mount.RW);
        Assert.Equal("z", mount.Mode);
        Assert.Equal("", mount.Source);
        Assert.Equal("", mount.Propagation);
    }

    [Fact]
    public void Partial_network_and_volume_documents_keep_their_defaults()
    {
        var n = JsonSerializer.Deserialize("""{"Id":"n1","Name":"net","Bridge":"br-1","Subnet":"10.1.0.0/24","Gateway":"10.1.0.1"}""", EngineJson.Default.NetworkDefinition)!;
        Assert.Equal("bridge", n.Driver);
        Assert.True(n.GatewayShown);
        Assert.Equal("", n.IPRange);
        Assert.NotNull(n.Labels);
        Assert.NotNull(n.Options);
        var v = JsonSerializer.Deserialize("""{"Name":"v","Mountpoint":"/m","CreatedAt":"2024-01-01T00:00:00Z"}""", EngineJson.Default.Volume)!;
        Assert.Equal("local", v.Driver);
        Assert.Empty(v.Labels);
        Assert.Empty(v.Options);
    }

    [Fact]
    public void Create_body_without_restart_policy_name_or_log_config_keeps_docker_defaults()
    {
        var create = JsonSerializer.Deserialize("""{"Image":"busybox","HostConfig":{"RestartPolicy":{"MaximumRetryCount":0}}}""", DaemonJson.Api.ContainerCreateRequest)!;
        var host = create.HostConfig!.ToCore();
        Assert.Equal("no", host.RestartPolicy.Name);
        Assert.Equal("", host.LogConfig.Type);
        Assert.NotNull(host.LogConfig.Config);
    }

    [Fact]
    public void Endpoint_body_with_aliases_only_keeps_empty_addresses()
    {
        var e = JsonSerializer.Deserialize("""{"Aliases":["web"]}""", DaemonJson.Api.EndpointSettingsModel)!.ToCore();
        Assert.Equal(["web"], e.Aliases);
        Assert.Equal("", e.IPv4Address);
        Assert.Equal("", e.IPv6Address);
        Assert.Equal("", e.MacAddress);
        Assert.NotNull(e.DriverOpts);
        Assert.Empty(e.Links);
    }

    private static void AssertSameAsReflection(Type type, JsonSerializerOptions generated, JsonSerializerOptions reflection)
    {
        string body = RequiredOnly(generated.GetTypeInfo(type)).ToJsonString();
        object? fromGenerated = JsonSerializer.Deserialize(body, generated.GetTypeInfo(type));
        object? fromReflection = JsonSerializer.Deserialize(body, reflection.GetTypeInfo(type));
        // Both written the same (generated) way: any property whose value differs shows.
        Assert.Equal(JsonSerializer.Serialize(fromReflection, generated.GetTypeInfo(type)), JsonSerializer.Serialize(fromGenerated, generated.GetTypeInfo(type)));
    }

    /// <summary>The object types reachable from <paramref name="roots"/> through properties, elements and values.</summary>
    private static IEnumerable<Type> ObjectTypes(JsonSerializerOptions options, params Type[] roots)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.Count > 0)
        {
            var info = options.GetTypeInfo(pending.Pop());
            if (!seen.Add(info.Type))
                continue;
            foreach (var next in info.Properties.Select(p => p.PropertyType).Append(info.ElementType).Append(info.KeyType))
                if (next is not null)
                    pending.Push(Nullable.GetUnderlyingType(next) ?? next);
        }
        return seen.Where(t => options.GetTypeInfo(t).Kind == JsonTypeInfoKind.Object && t.Namespace!.StartsWith("Berth", StringComparison.Ordinal)).OrderBy(t => t.FullName);
    }

    /// <summary>A body with a sample value for each required property and nothing else.</summary>
    private static JsonObject RequiredOnly(JsonTypeInfo info)
    {
        var body = new JsonObject();
        foreach (var p in info.Properties.Where(p => p.IsRequired))
            body[p.Name] = p.PropertyType == typeof(string) ? "x"
                : p.PropertyType == typeof(int) ? 1
                : p.PropertyType == typeof(DateTime) ? "2024-01-01T00:00:00Z"
                : info.Options.GetTypeInfo(p.PropertyType).Kind switch
                {
                    JsonTypeInfoKind.Object => RequiredOnly(info.Options.GetTypeInfo(p.PropertyType)),
                    JsonTypeInfoKind.Enumerable => new JsonArray(),
                    JsonTypeInfoKind.Dictionary => new JsonObject(),
                    _ => throw new InvalidOperationException($"no sample for {info.Type.Name}.{p.Name} ({p.PropertyType.Name})"),
                };
        return body;
    }

    private static Type FindType(string fullName) =>
        new[] { typeof(Container).Assembly, typeof(ContainerCreateRequest).Assembly }.Select(a => a.GetType(fullName)).First(t => t is not null)!;
}
