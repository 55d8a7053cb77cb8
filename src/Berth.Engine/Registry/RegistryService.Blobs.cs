using System.Buffers;
using System.Collections.Concurrent;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Registry;

/// <summary>
/// Blobs and uploads. A blob is served in a repository only once linked there (pushed,
/// mounted, or named by a manifest the registry made); a blob is stored only whole and
/// verified against the digest the client names. An upload whose request fails or whose
/// client goes away is dropped with its bytes; one idle for <see cref="UploadIdle"/> too.
/// <code>
///   POST uploads/ ──► 202 Location: uploads/ID      POST uploads/?digest=D + body ──► 201 (monolithic)
///   PATCH uploads/ID + chunk ──► 202 Range: 0-N     POST uploads/?mount=D&amp;from=R2 ──► 201 | 202
///   PUT uploads/ID?digest=D [+ last chunk] ──► verify, store, link ──► 201 Location: blobs/D
/// </code>
/// </summary>
public sealed partial class RegistryService
{
    /// <summary>The largest blob accepted.</summary>
    public const long MaxBlob = 64L << 30;
    public const int MaxUploads = 128;
    public static readonly TimeSpan UploadIdle = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, BlobUpload> _uploads = new();

    /// <summary>A blob of the repository, for GET and HEAD (seekable, so ranges can be served).</summary>
    public Stream OpenBlob(string repo, string digest)
    {
        CheckRepository(repo);
        CheckDigest(digest);
        if (!metadata.IsRegistryBlobLinked(repo, digest) || !content.Exists(digest))
            throw OciErrors.BlobUnknown(digest);
        return content.Open(digest);
    }

    /// <summary>Unlinks a blob from the repository; the bytes stay while anything else uses them.</summary>
    public void DeleteBlob(string repo, string digest)
    {
        CheckRepository(repo);
        CheckDigest(digest);
        if (!metadata.UnlinkRegistryBlob(repo, digest))
            throw OciErrors.BlobUnknown(digest);
    }

    /// <summary>Cross-repository mount: links a blob of <paramref name="from"/>; false if it has none (the client then uploads).</summary>
    public bool MountBlob(string repo, string digest, string from)
    {
        CheckRepository(repo);
        CheckDigest(digest);
        if (!RegistryNames.IsRepository(from) || !metadata.IsRegistryBlobLinked(from, digest) || !content.Exists(digest))
            return false;
        metadata.LinkRegistryBlobs(repo, [digest]);
        return true;
    }

    public BlobUpload StartUpload(string repo)
    {
        CheckRepository(repo);
        // A session a request is working on (its gate taken) is not idle, however long that takes.
        foreach (var stale in _uploads.Values.Where(u => DateTime.UtcNow - u.LastUsed > UploadIdle && u.Gate.CurrentCount > 0))
            _ = DropAsync(stale);
        if (_uploads.Count >= MaxUploads)
            throw OciErrors.TooManyRequests("too many uploads in progress");
        var upload = new BlobUpload(Guid.NewGuid().ToString(), repo, content.CreateWriter());
        _uploads[upload.Id] = upload;
        return upload;
    }

    public BlobUpload GetUpload(string repo, string id) =>
        _uploads.TryGetValue(id, out var upload) && upload.Repository == repo ? upload : throw OciErrors.UploadUnknown(id);

    /// <summary>PATCH: a chunk appended; <paramref name="start"/> (from Content-Range) must be where the upload ends.</summary>
    public async Task<BlobUpload> AppendAsync(string repo, string id, long? start, Stream chunk, CancellationToken ct)
    {
        BlobUpload upload = GetUpload(repo, id);
        await upload.Gate.WaitAsync(ct);
        try
        {
            if (start is long s && s != upload.Size)
                throw OciErrors.RangeInvalid(upload.Size);
            await CopyAsync(upload, chunk, ct);
            return upload;
        }
        finally
        {
            upload.Gate.Release();
        }
    }

    /// <summary>The closing PUT: the last chunk (if any) appended, the digest checked, the blob stored and linked.</summary>
    public async Task<string> FinishUploadAsync(string repo, string id, string digest, Stream last, CancellationToken ct)
    {
        BlobUpload upload = GetUpload(repo, id);
        await upload.Gate.WaitAsync(ct);
        try
        {
            CheckDigest(digest);
            await CopyAsync(upload, last, ct);
            return await CommitAsync(upload, digest, ct);
        }
        finally
        {
            upload.Gate.Release();
        }
    }

    /// <summary>A monolithic upload: <c>POST uploads/?digest=D</c> with the whole blob as its body.</summary>
    public async Task<string> PutBlobAsync(string repo, string digest, Stream body, CancellationToken ct)
    {
        CheckDigest(digest);
        BlobUpload upload = StartUpload(repo);
        await CopyAsync(upload, body, ct);
        return await CommitAsync(upload, digest, ct);
    }

    public async Task CancelUploadAsync(string repo, string id) => await DropAsync(GetUpload(repo, id));

    /// <summary>Appends a request body; any failure (a client gone, a limit) drops the whole upload.</summary>
    private async Task CopyAsync(BlobUpload upload, Stream body, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int n;
            while ((n = await body.ReadAsync(buffer, ct)) > 0)
            {
                if (upload.Size + n > MaxBlob)
                    throw OciErrors.TooLarge("the blob", MaxBlob);
                await upload.Writer.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            upload.LastUsed = DateTime.UtcNow;
        }
        catch
        {
            await DropAsync(upload);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<string> CommitAsync(BlobUpload upload, string digest, CancellationToken ct)
    {
        try
        {
            string actual = await upload.Writer.DigestAsync(ct);
            if (actual != Digest.Parse(digest).ToString())
                throw OciErrors.DigestInvalid($"{digest} != {actual}");
            using var lease = images.Garbage.Lease(); // until the row names the blob
            await upload.Writer.CommitAsync(actual, ct);
            metadata.LinkRegistryBlobs(upload.Repository, [actual]);
            return actual;
        }
        finally
        {
            await DropAsync(upload); // committed or not, the session is over
        }
    }

    private async Task DropAsync(BlobUpload upload)
    {
        if (_uploads.TryRemove(upload.Id, out _))
            await upload.Writer.DisposeAsync();
    }
}
