using Microsoft.AspNetCore.Connections.Features;

namespace Berth.Daemon.Api;

/// <summary>
/// A response of many megabytes (a tar out of a container) gets a socket send buffer of
/// <see cref="SendBuffer"/> instead of the system's default (about 200 KiB): the body then
/// crosses in a few dozen fills rather than hundreds, and each fill is a round trip through the
/// server's socket loop and thread pool, and a wait of the client's for more. On a busy machine
/// each of those waits for a CPU, which made a 100 MB cp out take twice the docker CLI's own
/// time. The kernel caps the size at <c>net.core.wmem_max</c>.
/// </summary>
internal static class BulkResponse
{
    private const int SendBuffer = 4 << 20;

    public static void WidenSendBuffer(HttpResponse response)
    {
        if (response.HttpContext.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
            socket.SendBufferSize = SendBuffer;
    }
}
