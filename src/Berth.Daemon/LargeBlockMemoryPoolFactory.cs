#if NET10_0_OR_GREATER
using Microsoft.AspNetCore.Connections;

namespace Berth.Daemon;

/// <summary>Hands Kestrel <see cref="LargeBlockMemoryPool"/>s (registered in Program.cs).</summary>
internal sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public System.Buffers.MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
}
#endif
