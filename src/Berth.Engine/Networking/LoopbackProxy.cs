using System.Net;
using System.Net.Sockets;
using Berth.Core.Networking;
using Berth.Linux.Iptables;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Networking;

/// <summary>
/// A container's published TCP ports on <c>[::1]</c>. The DNAT rules that publish a port
/// cannot take a connection to IPv6 loopback to a container: the kernel never routes a
/// packet from <c>::1</c> off the host's loopback, and IPv6 has no <c>route_localnet</c>.
/// Docker's userland proxy listens on <c>[::]</c> for this; Berth listens on <c>[::1]</c>
/// only, for ports published on every address (or on <c>::</c>, <c>::1</c>), and copies
/// bytes both ways to the container's address, its IPv6 one when it has one. For a container
/// with an IPv6 address the DNAT rules would catch <c>[::1]</c> too (and the kernel then drop
/// it), so one ip6tables rule, first in nat OUTPUT, lets loopback TCP past them to the relay.
/// </summary>
public sealed class LoopbackProxy : IDisposable
{
    private readonly List<TcpListener> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _log;

    private LoopbackProxy(ILogger log) => _log = log;

    private const string Chain = "BERTH-LOOPBACK";

    /// <summary>Listens for each such port of the attachment; null when there is none to listen for.</summary>
    public static async Task<LoopbackProxy?> StartAsync(NetworkAttachment attachment, ILogger log, CancellationToken ct)
    {
        string address = attachment.GlobalIPv6Address.Length > 0 ? attachment.GlobalIPv6Address : attachment.IPAddress;
        var ports = attachment.Ports.Where(p => p.Protocol == "tcp" && p.HostIp is "0.0.0.0" or "" or "::" or "::1").ToList();
        if (ports.Count == 0 || address.Length == 0 || !Socket.OSSupportsIPv6)
            return null;
        if (attachment.GlobalIPv6Address.Length > 0)
        {
            try
            {
                await Iptables.EnsureChainFirstIPv6Async("nat", Chain, "OUTPUT", ct);
                await Iptables.EnsureRuleAsync("nat", Chain, ["-d", "::1/128", "-p", "tcp", "-m", "comment", "--comment", "berth [::1] relay", "-j", "ACCEPT"], ct, ipv6: true);
            }
            catch (Berth.Linux.Processes.ToolException e)
            {
                // Without it [::1] is not forwarded; every other address still is.
                LogMessages.CleanupFailed(log, "loopback rule", attachment.GlobalIPv6Address, e);
            }
        }
        var proxy = new LoopbackProxy(log);
        foreach (var p in ports)
        {
            var listener = new TcpListener(IPAddress.IPv6Loopback, p.HostPort);
            try
            {
                listener.Start();
            }
            catch (SocketException e)
            {
                // Taken on ::1 by someone else, or no IPv6 loopback: the other addresses still work.
                LogMessages.CleanupFailed(log, "loopback port", $"[::1]:{p.HostPort}", e);
                continue;
            }
            proxy._listeners.Add(listener);
            _ = proxy.AcceptAsync(listener, new IPEndPoint(IPAddress.Parse(address), p.ContainerPort));
        }
        return proxy;
    }

    private async Task AcceptAsync(TcpListener listener, IPEndPoint target)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = RelayAsync(client, target);
        }
    }

    private async Task RelayAsync(Socket client, IPEndPoint target)
    {
        using (client)
        using (var upstream = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await upstream.ConnectAsync(target, _stop.Token);
                await Task.WhenAll(CopyAsync(client, upstream), CopyAsync(upstream, client));
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                // The container is gone or refused: the client sees its connection closed, as with docker-proxy.
                LogMessages.CleanupFailed(_log, "loopback relay", target.ToString(), e);
            }
        }
    }

    /// <summary>One direction; its end is passed on as a half-close, so a request-then-read client still gets its answer.</summary>
    private async Task CopyAsync(Socket from, Socket to)
    {
        using var fromStream = new NetworkStream(from, ownsSocket: false);
        using var toStream = new NetworkStream(to, ownsSocket: false);
        await fromStream.CopyToAsync(toStream, _stop.Token);
        to.Shutdown(SocketShutdown.Send);
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var l in _listeners)
            l.Stop();
    }
}
