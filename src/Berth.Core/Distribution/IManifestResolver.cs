namespace Berth.Core.Distribution;

/// <summary>Resolves a tag or digest of one repository to the manifest it names.</summary>
public interface IManifestResolver
{
    /// <summary><paramref name="reference"/> is a tag or a digest; 404s become <see cref="RegistryException"/>.</summary>
    Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken ct);

    /// <summary>The repository's tags (<c>GET /v2/NAME/tags/list</c>, every page).</summary>
    Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken ct);
}
