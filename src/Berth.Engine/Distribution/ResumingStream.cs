using Berth.Engine.IO;

namespace Berth.Engine.Distribution;

/// <summary>
/// A blob download that survives a broken connection: when a read fails (or the body ends
/// before <c>size</c> bytes), the rest is asked for again from the offset reached
/// (<c>Range: bytes=N-</c>, answered 206) and reading goes on, so the consumer (the digest
/// check, the unpacker) sees one unbroken stream. After <see cref="MaxResumes"/> breaks, or
/// when the registry cannot serve a range, the failure goes up to the caller's retry.
/// Owns and disposes the responses it reads.
/// </summary>
internal sealed class ResumingStream(HttpResponseMessage first, Stream body, long size,
    Func<long, CancellationToken, Task<(HttpResponseMessage Response, Stream Body)>> reopen) : ReadOnlyStream
{
    public const int MaxResumes = 5;

    private HttpResponseMessage _response = first;
    private Stream _body = body;
    private long _offset;
    private int _resumes;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        while (true)
        {
            int n;
            try
            {
                n = await _body.ReadAsync(buffer, ct);
            }
            catch (IOException) when (!ct.IsCancellationRequested && _resumes < MaxResumes)
            {
                await ResumeAsync(ct);
                continue;
            }
            if (n == 0 && size >= 0 && _offset < size && buffer.Length > 0 && _resumes < MaxResumes)
            {
                await ResumeAsync(ct); // ended early: a proxy or the server gave up
                continue;
            }
            _offset += n;
            return n;
        }
    }

    private async Task ResumeAsync(CancellationToken ct)
    {
        _resumes++;
        _response.Dispose();
        (_response, _body) = await reopen(_offset, ct);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Position { get => _offset; set => throw new NotSupportedException(); }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _response.Dispose();
        base.Dispose(disposing);
    }
}
