namespace Berth.Core.Containers;

/// <summary>
/// Input typed at a terminal, watched for the detach sequence as moby/term's escape proxy
/// watches it: bytes pass through as typed until the whole sequence has been read; then
/// reads end as at EOF (what came after the sequence is dropped) and <see cref="Detached"/>
/// completes. A byte that could start the sequence is held back until the next one tells;
/// a sequence that does not complete is passed on, and so is one cut short by EOF.
/// Read-only, one reader at a time; the inner stream stays the caller's to close.
/// </summary>
public sealed class DetachKeyStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _keys;
    private readonly TaskCompletionSource _detached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _scratch = [];
    private byte[] _ready = [];
    private int _readyStart, _readyEnd;
    // How many of the sequence's first keys were read last and are held back.
    private int _matched;
    private bool _ended;

    public DetachKeyStream(Stream inner, ReadOnlyMemory<byte> keys)
    {
        if (keys.Length == 0)
            throw new ArgumentException("a detach sequence has at least one key", nameof(keys));
        _inner = inner;
        _keys = keys.ToArray();
    }

    /// <summary>Completes once the sequence has been read.</summary>
    public Task Detached => _detached.Task;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (buffer.Length == 0)
            return 0;
        while (_readyStart == _readyEnd && !_ended)
            Filter(await _inner.ReadAsync(Scratch(buffer.Length), ct));
        return TakeReady(buffer.Span);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (count == 0)
            return 0;
        while (_readyStart == _readyEnd && !_ended)
            Filter(_inner.Read(Scratch(count).Span));
        return TakeReady(buffer.AsSpan(offset, count));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private Memory<byte> Scratch(int size)
    {
        if (_scratch.Length < size)
            _scratch = new byte[size];
        return _scratch.AsMemory(0, size);
    }

    /// <summary>Turns <paramref name="n"/> bytes just read into <see cref="_scratch"/> into bytes ready for the reader.</summary>
    private void Filter(int n)
    {
        _readyStart = _readyEnd = 0;
        if (_ready.Length < n + _keys.Length)
            _ready = new byte[n + _keys.Length];
        if (n == 0)
        {
            Emit(_keys.AsSpan(0, _matched)); // the start of a sequence, then EOF: it was typed
            _matched = 0;
            _ended = true;
            return;
        }
        Span<byte> held = stackalloc byte[_keys.Length];
        foreach (byte b in _scratch.AsSpan(0, n))
        {
            if (b == _keys[_matched])
            {
                if (++_matched < _keys.Length)
                    continue;
                _ended = true;
                _detached.TrySetResult();
                return;
            }
            // The held keys and b are not the sequence; the longest end of them that starts it stays held.
            var tried = held[..(_matched + 1)];
            _keys.AsSpan(0, _matched).CopyTo(tried);
            tried[_matched] = b;
            int keep = _matched;
            while (keep > 0 && !tried[^keep..].SequenceEqual(_keys.AsSpan(0, keep)))
                keep--;
            Emit(tried[..^keep]);
            _matched = keep;
        }
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_ready.AsSpan(_readyEnd));
        _readyEnd += bytes.Length;
    }

    private int TakeReady(Span<byte> buffer)
    {
        int n = Math.Min(buffer.Length, _readyEnd - _readyStart);
        _ready.AsSpan(_readyStart, n).CopyTo(buffer);
        _readyStart += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
