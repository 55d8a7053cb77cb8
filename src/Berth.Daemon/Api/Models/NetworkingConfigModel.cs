namespace Berth.Daemon.Api.Models;

/// <summary>The create body's <c>NetworkingConfig</c>: per network, what the container asks of it.</summary>
internal sealed class NetworkingConfigModel
{
    public IReadOnlyDictionary<string, EndpointSettingsModel?>? EndpointsConfig { get; init; }
}
