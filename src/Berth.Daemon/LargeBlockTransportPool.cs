#if !NET10_0_OR_GREATER
using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Berth.Daemon;

/// <summary>
/// Gives net9.0's socket transport (the Native AOT daemon's) <see cref="LargeBlockMemoryPool"/>s,
/// as <c>LargeBlockMemoryPoolFactory</c> does on net10.0 through the public
/// <c>IMemoryPoolFactory</c>. net9.0 has no public way: the transport takes its pool from the
/// internal <c>SocketTransportOptions.MemoryPoolFactory</c>, set here through an
/// <see cref="UnsafeAccessorAttribute"/>, the one place Berth reaches into Kestrel's internals.
/// With Kestrel's own 4 KiB blocks a request body comes one recv, and one hand-off from the
/// transport to the chunked-body pump to the handler, per 4 KiB: 25,000 of each for a 100 MB
/// <c>docker cp</c> into a container, which made it a tenth slower than on net10.0.
/// If a Kestrel without the member is ever compiled in, the transport keeps its own pool.
/// </summary>
internal static class LargeBlockTransportPool
{
    public static void Use(SocketTransportOptions options)
    {
        try
        {
            SetMemoryPoolFactory(options, static () => new LargeBlockMemoryPool());
        }
        catch (MissingMethodException)
        {
            // Kestrel's 4 KiB blocks: request bodies arrive slower, nothing else changes.
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_MemoryPoolFactory")]
    private static extern void SetMemoryPoolFactory(SocketTransportOptions options, Func<MemoryPool<byte>> factory);
}
#endif
