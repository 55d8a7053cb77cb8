using Berth.Core.Content;
using Berth.Core.Distribution;

namespace Berth.Engine.Registry;

/// <summary>
/// A repository whose one manifest was just pushed to the built-in registry and whose blobs
/// are in the content store already (verified on upload): the image service "pulls" from it,
/// so a pushed image is unpacked and recorded by the same code as a pulled one.
/// </summary>
internal sealed class StoredRepository(string repository, FetchedManifest manifest, IContentStore content) : IRepositoryClient
{
    public string Repository => repository;

    public Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken ct) => Task.FromResult(manifest);

    public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken ct) => Task.FromResult(content.Open(blob.Digest));

    public Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken ct) => throw new NotSupportedException();

    public Task<bool> BlobExistsAsync(string digest, CancellationToken ct) => throw new NotSupportedException();

    public Task<bool> MountBlobAsync(string digest, string fromRepository, CancellationToken ct) => throw new NotSupportedException();

    public Task PushBlobAsync(Descriptor blob, Stream content, IProgress<long>? sent, CancellationToken ct) => throw new NotSupportedException();

    public Task<string> PutManifestAsync(string reference, string mediaType, byte[] content, CancellationToken ct) => throw new NotSupportedException();
}
