using Berth.Core.Errors;
using System.Net;
using Berth.Linux.Files;
using Berth.Linux.Networking;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Berth.Daemon;

/// <summary>
/// The API's listening sockets, as dockerd's <c>-H</c>: <c>unix://</c> sockets are root-only
/// (0660, group <c>berth</c> if it exists); <c>tcp://</c> needs TLS (<see cref="ApiTls"/>) unless
/// the operator opted out with <c>--tls=false</c>; <c>fd://</c> takes systemd's activated
/// sockets, with TLS when it is configured.
/// </summary>
internal static class SocketListener
{
    public static IReadOnlyList<string> Configure(IWebHostBuilder host, IEnumerable<string> addresses, ApiTlsOptions tlsOptions, TextWriter warnings)
    {
        var sockets = new List<string>();
        var tcp = new List<(string Address, IPEndPoint EndPoint)>();
        var activated = new List<int>();
        foreach (string address in addresses)
        {
            if (address.StartsWith("unix://", StringComparison.Ordinal))
                sockets.Add(address[7..]);
            else if (address.StartsWith('/'))
                sockets.Add(address);
            else if (address.StartsWith("tcp://", StringComparison.Ordinal))
                tcp.Add((address, TcpEndPoint(address, tlsOptions.Serve)));
            else if (address.StartsWith("fd://", StringComparison.Ordinal))
                activated.AddRange(SocketActivation.Take(address));
            else
                throw BerthException.Invalid($"{address}: unsupported address; use unix:///path, tcp://host:port or fd://");
        }
        foreach (var (address, _) in tcp)
            CheckAuthentication(address, tlsOptions, warnings);
        var tls = tlsOptions.Serve && (tcp.Count > 0 || activated.Count > 0) ? ApiTls.ServerOptions(tlsOptions) : null;
        foreach (string socket in sockets)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(socket)!);
            if (File.Exists(socket))
                File.Delete(socket); // left by a daemon that did not stop cleanly
        }
        host.UseSockets(o => o.Backlog = ListenBacklog());
        host.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null; // image tarballs
            foreach (string socket in sockets)
                k.ListenUnixSocket(socket, listen => listen.Use(HalfCloseTolerantConnection.Middleware));
            foreach (var (_, endPoint) in tcp)
                k.Listen(endPoint, listen => Secure(listen, tls));
            foreach (int fd in activated)
                k.ListenHandle((ulong)fd, listen => Secure(listen, tls));
        });
        return sockets;
    }

    /// <summary>
    /// The half-close wrapper goes outside TLS: it sees the transport's FIN, while HTTP (and the
    /// hijacked stream) read the decrypted bytes, a TLS close_notify being their EOF.
    /// </summary>
    private static void Secure(ListenOptions listen, HttpsConnectionAdapterOptions? tls)
    {
        listen.Protocols = HttpProtocols.Http1; // the hijack (attach, exec) is HTTP/1.1's upgrade
        listen.Use(HalfCloseTolerantConnection.Middleware);
        if (tls is not null)
            listen.UseHttps(tls);
    }

    /// <summary>
    /// dockerd's <c>tcp://[host][:port]</c>: no host is every address; no port is 2376 with TLS,
    /// 2375 without.
    /// </summary>
    internal static IPEndPoint TcpEndPoint(string address, bool tls)
    {
        string hostPort = address["tcp://".Length..].TrimEnd('/');
        string host = hostPort;
        int port = tls ? 2376 : 2375;
        int colon = hostPort.LastIndexOf(':');
        if (colon >= 0 && hostPort.IndexOf(']') < colon && (hostPort.StartsWith('[') || hostPort.IndexOf(':') == colon))
        {
            host = hostPort[..colon];
            if (!int.TryParse(hostPort[(colon + 1)..], out port) || port is <= 0 or > 65535)
                throw BerthException.Invalid($"invalid bind address ({address}): invalid port");
        }
        host = host.Trim('[', ']');
        if (host.Length == 0)
            return new IPEndPoint(IPAddress.Any, port);
        if (host == "localhost")
            return new IPEndPoint(IPAddress.Loopback, port);
        if (IPAddress.TryParse(host, out var ip))
            return new IPEndPoint(ip, port);
        var resolved = Dns.GetHostAddresses(host);
        return resolved.Length > 0 ? new IPEndPoint(resolved[0], port) : throw BerthException.Invalid($"invalid bind address ({address}): no such host");
    }

    /// <summary>
    /// An unauthenticated TCP API is root access for the whole network. dockerd warns and, unless
    /// told with <c>--tls=false</c>/<c>--tlsverify=false</c>, refuses (as dockerd 27 does); the
    /// texts are dockerd's.
    /// </summary>
    private static void CheckAuthentication(string address, ApiTlsOptions tls, TextWriter warnings)
    {
        if (tls.VerifyClients)
            return;
        string h = $" host=\"{address}\"";
        warnings.WriteLine("WARNING: Binding to IP address without --tlsverify is insecure and gives root access on this machine to everyone who has access to your network." + h);
        warnings.WriteLine("WARNING: Binding to an IP address, even on localhost, can also give access to scripts run in a browser. Be safe out there!" + h);
        if (tls.Serve || tls.UnauthenticatedAllowed)
            return;
        warnings.WriteLine("WARNING: Binding to an IP address without --tlsverify is deprecated." + h);
        warnings.WriteLine("WARNING: Please consider generating tls certificates with client validation to prevent exposing unauthenticated root access to your network" + h);
        warnings.WriteLine("WARNING: You can override this by explicitly specifying '--tls=false' or '--tlsverify=false'" + h);
        throw BerthException.Invalid($"{address}: refusing to serve the API over TCP without authentication; use --tlsverify, or --tls=false to accept the risk");
    }

    /// <summary>
    /// The listen backlog: the host's <c>net.core.somaxconn</c>, which caps whatever listen() is
    /// given. With Kestrel's default of 512, a burst of clients (parallel CI jobs, a large
    /// compose up) gets EAGAIN from connect() on the unix socket though the host would queue more.
    /// </summary>
    private static int ListenBacklog()
    {
        const int fallback = 4096; // the kernel's own default since Linux 5.4
        try
        {
            return int.TryParse(File.ReadAllText("/proc/sys/net/core/somaxconn").Trim(), out int max) && max > 0 ? max : fallback;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return fallback;
        }
    }

    public static void Secure(IEnumerable<string> sockets, string? group)
    {
        foreach (string socket in sockets)
        {
            File.SetUnixFileMode(socket, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            if (group is not null)
                Ownership.TrySetGroup(socket, group);
        }
    }
}
