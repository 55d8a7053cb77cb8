using System.Net;
using System.Net.Sockets;

namespace Berth.Client.Transport;

/// <summary>Opens raw connections to the daemon; shared by the HTTP handler and hijacked streams.</summary>
internal static class SocketConnector
{
    public static async Task<Socket> ConnectAsync(DaemonEndpoint endpoint, CancellationToken cancellationToken)
    {
        Socket socket;
        EndPoint target;
        if (endpoint.SocketPath is { } path)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            target = new UnixDomainSocketEndPoint(path);
        }
        else
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            target = new DnsEndPoint(endpoint.TcpHost!, endpoint.TcpPort);
        }

        try
        {
            await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new DaemonUnreachableException(endpoint, ex);
        }
    }
}
