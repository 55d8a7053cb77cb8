using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Networking.Dns;

/// <summary>
/// Berth's resolver for one user-defined network, on UDP port 53 of the network's gateway
/// address in the host's namespace (the bridge holds that address; containers already route
/// to it). Docker listens on 127.0.0.11 inside each container, which takes a socket and NAT
/// rules per container; one listener per network gives the same answers with neither.
/// Names of the asker's networks' containers (name, aliases, short ID) are answered from
/// <c>lookup</c> at the moment of the query, so joins, leaves and renames show at once;
/// anything else is forwarded to the host's resolvers.
/// </summary>
public sealed class DnsServer : IDisposable
{
    private static readonly TimeSpan s_upstreamTimeout = TimeSpan.FromSeconds(3);

    private readonly UdpClient _socket;
    private readonly Func<IPAddress, string, IReadOnlyList<IPAddress>?> _lookup;
    private readonly IReadOnlyList<IPEndPoint> _upstreams;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();

    /// <param name="lookup">(the asker's address, a name) → the addresses it has for the asker, or null when it is not one of ours.</param>
    public DnsServer(IPAddress address, Func<IPAddress, string, IReadOnlyList<IPAddress>?> lookup, IReadOnlyList<IPEndPoint> upstreams, ILogger log)
    {
        _socket = new UdpClient(new IPEndPoint(address, 53));
        _lookup = lookup;
        _upstreams = upstreams;
        _log = log;
        _ = ServeAsync();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // an ICMP error from an earlier reply's client
            }
            _ = AnswerAsync(request);
        }
    }

    private async Task AnswerAsync(UdpReceiveResult request)
    {
        try
        {
            byte[] reply;
            if (!DnsMessage.TryReadQuestion(request.Buffer, out string name, out ushort type, out int end))
                reply = await ForwardAsync(request.Buffer) ?? [];
            else if (_lookup(request.RemoteEndPoint.Address, name) is { } addresses)
                reply = DnsMessage.Answer(request.Buffer, end, type, addresses);
            else
                reply = await ForwardAsync(request.Buffer) ?? DnsMessage.ServerFailure(request.Buffer, end);
            if (reply.Length > 0)
                await _socket.SendAsync(reply, request.RemoteEndPoint, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            LogMessages.CleanupFailed(_log, "dns answer", request.RemoteEndPoint.ToString(), e);
        }
    }

    /// <summary>The first upstream answer, or null when none answers in time.</summary>
    private async Task<byte[]?> ForwardAsync(byte[] query)
    {
        foreach (var upstream in _upstreams)
        {
            using var client = new UdpClient(upstream.AddressFamily);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(s_upstreamTimeout);
            try
            {
                await client.SendAsync(query, upstream, timeout.Token);
                return (await client.ReceiveAsync(timeout.Token)).Buffer;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // try the next one
            }
        }
        return null;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
    }
}
