using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Net.Sockets;

namespace Berth.Client.Transport;

/// <summary>Opens raw connections to the daemon; shared by the HTTP handler and hijacked streams.</summary>
internal static class SocketConnector
{
    /// <summary>A connection's byte stream: the socket's, or TLS over it for a TLS endpoint.</summary>
    public static async Task<(Socket Socket, Stream Stream)> ConnectStreamAsync(DaemonEndpoint endpoint, CancellationToken cancellationToken)
    {
        var socket = await ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        if (endpoint.Tls is not { } tls)
        {
            return (socket, new NetworkStream(socket, ownsSocket: true));
        }

        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true));
        try
        {
            await ssl.AuthenticateAsClientAsync(tls.ForHost(endpoint.TcpHost!), cancellationToken).ConfigureAwait(false);
            return (socket, ssl);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or CryptographicException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new DaemonUnreachableException(endpoint, ex.Message, ex);
        }
    }

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
