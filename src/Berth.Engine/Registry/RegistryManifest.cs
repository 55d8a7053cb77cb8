namespace Berth.Engine.Registry;

/// <summary>
/// A manifest the built-in registry serves from one repository: its bytes live in the content
/// store under <see cref="Digest"/>. <see cref="ImageId"/> is set when it became a local image.
/// <see cref="Subject"/>, <see cref="ArtifactType"/> and <see cref="Annotations"/> (raw JSON)
/// are what the referrers API lists.
/// </summary>
public sealed record RegistryManifest(string Repository, string Digest, string MediaType, long Size)
{
    public string? ImageId { get; init; }
    public string? Subject { get; init; }
    public string? ArtifactType { get; init; }
    public string? Annotations { get; init; }
}
