using System.Net;
using System.Net.Sockets;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Linux.Networking;

namespace Berth.Engine.Networking;

/// <summary>
/// Host ports held by running containers, as Docker's port allocator: an explicit port taken by
/// another container is refused ("port is already allocated"); a random one comes from the
/// ephemeral range, in order, skipping ports something on the host uses. Each published port
/// is also bound by berthd (bound, not listening: traffic is DNAT'ed before it could reach
/// the socket), so no host process can take it while the container runs, as Docker's
/// userland proxy holds it.
/// </summary>
public sealed class PortAllocator
{
    /// <summary>(protocol, host IP, port) → (whether the host lets it be bound, the socket holding it if any).</summary>
    public delegate (bool Free, IDisposable? Holder) HoldPort(string protocol, string hostIp, int port);

    private readonly Dictionary<(string Protocol, string HostIp, int Port), IDisposable?> _used = [];
    private readonly int _first;
    private readonly int _last;
    private readonly HoldPort _hold;
    private int _next;

    public PortAllocator() : this(EphemeralRange(), BindHostPort)
    {
    }

    /// <param name="hold">binds a host port; tests fake it.</param>
    public PortAllocator((int First, int Last) range, HoldPort hold)
    {
        (_first, _last) = range;
        _next = _first;
        _hold = hold;
    }

    /// <summary>Chooses host ports for every request, or none at all.</summary>
    public IReadOnlyList<PublishedPort> Allocate(IReadOnlyList<PortRequest> requests)
    {
        lock (_used)
        {
            var taken = new List<PublishedPort>();
            try
            {
                foreach (var r in requests)
                {
                    string ip = r.HostIp.Length == 0 ? "0.0.0.0" : r.HostIp;
                    var (port, holder) = r.HostPortLow == 0 ? Random(r.Protocol, ip) : Explicit(r, ip);
                    _used.Add((r.Protocol, ip, port), holder);
                    taken.Add(new PublishedPort(r.ContainerPort, r.Protocol, ip, port));
                }
                return taken;
            }
            catch
            {
                Release(taken);
                throw;
            }
        }
    }

    /// <summary>Marks ports as held again (a running container found after a daemon restart).</summary>
    public void Reserve(IEnumerable<PublishedPort> ports)
    {
        lock (_used)
            foreach (var p in ports)
                _used.TryAdd((p.Protocol, p.HostIp, p.HostPort), _hold(p.Protocol, p.HostIp, p.HostPort).Holder);
    }

    public void Release(IEnumerable<PublishedPort> ports)
    {
        lock (_used)
            foreach (var p in ports)
                if (_used.Remove((p.Protocol, p.HostIp, p.HostPort), out var holder))
                    holder?.Dispose();
    }

    private (int Port, IDisposable? Holder) Explicit(PortRequest r, string ip)
    {
        for (int port = r.HostPortLow; port <= r.HostPortHigh; port++)
            if (!Conflicts(r.Protocol, ip, port) && _hold(r.Protocol, ip, port) is (true, var holder))
                return (port, holder);
        if (r.HostPortLow != r.HostPortHigh)
            throw new BerthException(ErrorKind.Internal, $"Bind for {ip}:{r.HostPortLow}-{r.HostPortHigh} failed: port is already allocated");
        if (Conflicts(r.Protocol, ip, r.HostPortLow))
            throw new BerthException(ErrorKind.Internal, $"Bind for {ip}:{r.HostPortLow} failed: port is already allocated");
        throw new BerthException(ErrorKind.Internal, $"failed to bind host port {ip}:{r.HostPortLow}/{r.Protocol}: address already in use");
    }

    private (int Port, IDisposable? Holder) Random(string protocol, string ip)
    {
        int span = _last - _first + 1;
        for (int i = 0; i < span; i++)
        {
            int port = _next;
            _next = _next >= _last ? _first : _next + 1;
            if (!Conflicts(protocol, ip, port) && _hold(protocol, ip, port) is (true, var holder))
                return (port, holder);
        }
        throw new BerthException(ErrorKind.Internal, $"all ports are allocated");
    }

    // 0.0.0.0 covers every address, so it conflicts with any address on the same port.
    private bool Conflicts(string protocol, string ip, int port) =>
        _used.ContainsKey((protocol, ip, port))
        || (ip == "0.0.0.0" ? _used.Keys.Any(u => u.Protocol == protocol && u.Port == port) : _used.ContainsKey((protocol, "0.0.0.0", port)));

    /// <summary>The kernel's ephemeral range, Docker's pool for random host ports.</summary>
    public static (int First, int Last) EphemeralRange()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0]), int.Parse(parts[1]));
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return (32768, 60999);
        }
    }

    private static (bool Free, IDisposable? Holder) BindHostPort(string protocol, string ip, int port)
    {
        if (protocol == "sctp")
            return (true, null);
        try
        {
            var reservation = PortReservation.TryTake(IPAddress.Parse(ip), port, protocol == "udp");
            return (reservation is not null, reservation);
        }
        catch (SocketException)
        {
            return (true, null); // an address not on this host: its DNAT rule still forwards it
        }
    }
}
