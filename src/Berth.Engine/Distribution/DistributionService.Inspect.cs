using System.Text.Json;
using Berth.Core.Distribution;
using Berth.Core.Images;

namespace Berth.Engine.Distribution;

public sealed partial class DistributionService
{
    /// <summary>
    /// <c>GET /distribution/{name}/json</c>: the descriptor of the manifest NAME (tag latest when
    /// it names none) points at in its registry, and the platforms it is for: an index's entries',
    /// or, for a single image, the platform its config names (the config is fetched for it, as dockerd does).
    /// </summary>
    public async Task<(Descriptor Descriptor, IReadOnlyList<Platform> Platforms)> InspectAsync(string name, RegistryCredentials credentials, CancellationToken ct)
    {
        var reference = ImageReference.Parse(name);
        var repository = registry.Open(reference, credentials, push: false);
        var manifest = await repository.GetManifestAsync(reference.Digest?.ToString() ?? reference.Tag!, ct);
        var descriptor = manifest.Descriptor;
        if (MediaTypes.IsIndex(descriptor.MediaType))
            return (descriptor, Manifests.ParseIndex(manifest.Content).Where(e => e.Platform is not null).Select(e => e.Platform!).ToList());
        var config = Manifests.ParseImage(manifest.Content).Config;
        await using var blob = await repository.OpenBlobAsync(config, ct);
        using var doc = JsonDocument.Parse(await Bounded.ReadAsync(blob, Bounded.MaxConfig, ct));
        string Text(string field) => doc.RootElement.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        string variant = Text("variant");
        return (descriptor, [new Platform(Text("os"), Text("architecture"), variant.Length == 0 ? null : variant)]);
    }
}
