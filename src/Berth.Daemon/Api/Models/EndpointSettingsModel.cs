using Berth.Core.Networking;

namespace Berth.Daemon.Api.Models;

/// <summary>
/// The Engine API's <c>EndpointSettings</c> as create and <c>network connect</c> send them.
/// Berth acts on <c>--network-alias</c>, <c>--ip</c> and <c>--mac-address</c>; the rest
/// (links, driver options, what the daemon fills in) is not kept.
/// </summary>
internal sealed class EndpointSettingsModel
{
    public IReadOnlyList<string?>? Aliases { get; init; }
    public EndpointIpamModel? IPAMConfig { get; init; }
    public string? MacAddress { get; init; }

    /// <summary>The Core record; empty aliases are dropped, missing strings are "".</summary>
    public EndpointConfig ToCore() => new()
    {
        Aliases = (Aliases ?? []).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToList(),
        IPv4Address = IPAMConfig?.IPv4Address ?? "",
        MacAddress = MacAddress ?? "",
    };
}
