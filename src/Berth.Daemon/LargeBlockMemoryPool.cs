using System.Buffers;
using System.Collections.Concurrent;

namespace Berth.Daemon;

/// <summary>
/// Kestrel's buffers in 64 KiB blocks instead of its default 4 KiB: a request body (an image
/// archive for <c>load</c>, a build context) then arrives in reads of up to 64 KiB, not 4 KiB,
/// which saves the thread hand-off between the socket loop and the handler per 4 KiB. Blocks
/// are pinned (sockets read into them) and reused; at most <see cref="Retained"/> are kept.
/// </summary>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    private const int BlockSize = 64 * 1024;
    private const int Retained = 256;

    private readonly ConcurrentQueue<byte[]> _free = new();

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > BlockSize)
            return new Block(this, GC.AllocateUninitializedArray<byte>(minBufferSize, pinned: true), pooled: false);
        return new Block(this, _free.TryDequeue(out byte[]? array) ? array : GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true), pooled: true);
    }

    protected override void Dispose(bool disposing) => _free.Clear();

    private void Return(byte[] array)
    {
        if (_free.Count < Retained)
            _free.Enqueue(array);
    }

    /// <summary>One rented block; disposing it gives the array back once.</summary>
    private sealed class Block(LargeBlockMemoryPool pool, byte[] array, bool pooled) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            byte[]? array = Interlocked.Exchange(ref _array, null);
            if (array is not null && pooled)
                pool.Return(array);
        }
    }
}
