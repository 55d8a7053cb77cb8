namespace Berth.Core.Images;

/// <summary>
/// An image as berthd keeps it. <see cref="Config"/> holds the config blob's exact bytes:
/// the image ID is their digest, so they are never re-serialised.
/// </summary>
public sealed record Image
{
    /// <summary><c>sha256:&lt;hex&gt;</c>, the digest of <see cref="Config"/>.</summary>
    public required string Id { get; init; }
    public required byte[] Config { get; init; }
    /// <summary>The uncompressed layer digests, bottom first, as in the config's rootfs.diff_ids.</summary>
    public required IReadOnlyList<string> DiffIds { get; init; }
    public required DateTime Created { get; init; }
    /// <summary>Sum of the unpacked layer sizes.</summary>
    public required long Size { get; init; }
    /// <summary>Normalised references (<c>docker.io/library/busybox:latest</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Normalised <c>repository@sha256:manifest</c> references, as pulled or pushed.</summary>
    public IReadOnlyList<string> RepoDigests { get; init; } = [];
    public string Parent { get; init; } = "";
}
