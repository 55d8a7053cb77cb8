using System.Net;
using System.Net.Sockets;
using Berth.Core.Errors;
using Berth.Core.Networking;

namespace Berth.Engine.Networking;

/// <summary>
/// Host ports held by running containers, as Docker's port allocator: an explicit port taken by
/// another container is refused ("port is already allocated"); a random one comes from the
/// ephemeral range, in order, skipping ports something on the host listens on.
/// </summary>
public sealed class PortAllocator
{
    private readonly HashSet<(string Protocol, string HostIp, int Port)> _used = [];
    private readonly int _first;
    private readonly int _last;
    private readonly Func<string, string, int, bool> _isFree;
    private int _next;

    public PortAllocator() : this(EphemeralRange(), HostPortIsFree)
    {
    }

    /// <param name="isFree">(protocol, host IP, port) → whether the host can bind it; tests fake it.</param>
    public PortAllocator((int First, int Last) range, Func<string, string, int, bool> isFree)
    {
        (_first, _last) = range;
        _next = _first;
        _isFree = isFree;
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
                    int port = r.HostPortLow == 0 ? Random(r.Protocol, ip) : Explicit(r, ip);
                    var published = new PublishedPort(r.ContainerPort, r.Protocol, ip, port);
                    _used.Add((r.Protocol, ip, port));
                    taken.Add(published);
                }
                return taken;
            }
            catch
            {
                foreach (var p in taken)
                    _used.Remove((p.Protocol, p.HostIp, p.HostPort));
                throw;
            }
        }
    }

    /// <summary>Marks ports as held again (a running container found after a daemon restart).</summary>
    public void Reserve(IEnumerable<PublishedPort> ports)
    {
        lock (_used)
            foreach (var p in ports)
                _used.Add((p.Protocol, p.HostIp, p.HostPort));
    }

    public void Release(IEnumerable<PublishedPort> ports)
    {
        lock (_used)
            foreach (var p in ports)
                _used.Remove((p.Protocol, p.HostIp, p.HostPort));
    }

    private int Explicit(PortRequest r, string ip)
    {
        for (int port = r.HostPortLow; port <= r.HostPortHigh; port++)
            if (!Conflicts(r.Protocol, ip, port) && _isFree(r.Protocol, ip, port))
                return port;
        if (r.HostPortLow != r.HostPortHigh)
            throw new BerthException(ErrorKind.Internal, $"Bind for {ip}:{r.HostPortLow}-{r.HostPortHigh} failed: port is already allocated");
        if (Conflicts(r.Protocol, ip, r.HostPortLow))
            throw new BerthException(ErrorKind.Internal, $"Bind for {ip}:{r.HostPortLow} failed: port is already allocated");
        throw new BerthException(ErrorKind.Internal, $"failed to bind host port {ip}:{r.HostPortLow}/{r.Protocol}: address already in use");
    }

    private int Random(string protocol, string ip)
    {
        int span = _last - _first + 1;
        for (int i = 0; i < span; i++)
        {
            int port = _next;
            _next = _next >= _last ? _first : _next + 1;
            if (!Conflicts(protocol, ip, port) && _isFree(protocol, ip, port))
                return port;
        }
        throw new BerthException(ErrorKind.Internal, $"all ports are allocated");
    }

    // 0.0.0.0 covers every address, so it conflicts with any address on the same port.
    private bool Conflicts(string protocol, string ip, int port) =>
        _used.Contains((protocol, ip, port))
        || (ip == "0.0.0.0" ? _used.Any(u => u.Protocol == protocol && u.Port == port) : _used.Contains((protocol, "0.0.0.0", port)));

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

    private static bool HostPortIsFree(string protocol, string ip, int port)
    {
        if (protocol == "sctp")
            return true;
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, protocol == "udp" ? SocketType.Dgram : SocketType.Stream,
                protocol == "udp" ? ProtocolType.Udp : ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(ip), port));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            return true; // an address not on this host: portmap still forwards it
        }
    }
}
