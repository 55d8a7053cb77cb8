using System.Net.Sockets;

namespace Berth.Engine.Distribution;

/// <summary>
/// Why a request to a registry got no answer, in the words of Go's net package as dockerd
/// reports it (<c>dial tcp 127.0.0.1:5000: connect: connection refused</c>): scripts match them.
/// </summary>
internal static class DialError
{
    public static string Describe(Exception? failure, Uri uri) =>
        failure?.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            ? $"dial tcp {uri.Host}:{uri.Port}: connect: connection refused"
            : failure?.Message ?? "";
}
