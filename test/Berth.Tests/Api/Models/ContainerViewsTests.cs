using ApiJson = Berth.Daemon.Api.Json;
using System.Text.Json;
using Berth.Core.Containers;
using Berth.Daemon.Api;
using Berth.Daemon.Api.Models;
using Berth.Tests.Fakes;

namespace Berth.Tests.Api.Models;

/// <summary>The network IDs a container view shows come from the data it is handed, not from global state.</summary>
public sealed class ContainerViewsTests
{
    private static JsonElement NetworkId(object view, string network)
    {
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(view, ApiJson.Options));
        return doc.RootElement.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty(network).GetProperty("NetworkID").Clone();
    }

    private static Container OnNetwork(string mode) =>
        EngineParts.Stored("abcd", "web", ContainerStatus.Created) with { HostConfig = new HostConfig { NetworkMode = mode } };

    [Fact]
    public void A_user_defined_network_shows_the_id_it_was_given()
    {
        var view = ContainerViews.Summary(OnNetwork("backend"), "busybox", new Dictionary<string, string> { ["backend"] = "e1e1" });
        Assert.Equal("e1e1", NetworkId(view, "backend").GetString());
    }

    [Fact]
    public void A_network_without_a_given_id_shows_empty_and_predefined_ones_their_fixed_id()
    {
        Assert.Equal("", NetworkId(ContainerViews.Summary(OnNetwork("gone"), "busybox", new Dictionary<string, string>()), "gone").GetString());
        string bridge = NetworkId(ContainerViews.Summary(OnNetwork("bridge"), "busybox", new Dictionary<string, string>()), "bridge").GetString()!;
        Assert.Equal(Engine.Networking.PredefinedNetworks.IdOf("bridge"), bridge);
    }
}
