using Berth.Core.Content;

namespace Berth.Engine.Registry;

/// <summary>
/// One upload session (<c>POST /v2/R/blobs/uploads/</c> until its closing PUT): the bytes go
/// straight into a content writer, hashed on the way, in the content store's ingest area.
/// One request at a time works on it (<see cref="Gate"/>).
/// </summary>
public sealed class BlobUpload(string id, string repository, IContentWriter writer)
{
    public string Id => id;
    public string Repository => repository;
    internal IContentWriter Writer => writer;
    internal SemaphoreSlim Gate { get; } = new(1, 1);
    public long Size => writer.Size;
    internal DateTime LastUsed { get; set; } = DateTime.UtcNow;
}
