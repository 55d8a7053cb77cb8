namespace Berth.Client;

/// <summary>
/// Where the daemon listens: the <c>-H</c> flag, then <c>BERTH_HOST</c>, then <c>DOCKER_HOST</c>
/// (so berth follows a docker CLI's remote setup, <c>DOCKER_TLS_VERIFY</c> and
/// <c>DOCKER_CERT_PATH</c> included), then the default socket. <see cref="Tls"/> is set for a
/// TCP daemon spoken to over TLS.
/// </summary>
public sealed class DaemonEndpoint
{
    public const string DefaultHost = "unix:///run/berth/berth.sock";
    public const string HostEnvironmentVariable = "BERTH_HOST";

    private DaemonEndpoint(string original, string? socketPath, string? tcpHost, int tcpPort)
    {
        Original = original;
        SocketPath = socketPath;
        TcpHost = tcpHost;
        TcpPort = tcpPort;
    }

    /// <summary>The host string as the user wrote it; error messages quote it.</summary>
    public string Original { get; }

    /// <summary>The unix socket path, or null for TCP.</summary>
    public string? SocketPath { get; }

    public string? TcpHost { get; }

    public int TcpPort { get; }

    /// <summary>TLS settings for a TCP daemon; null for plain HTTP (and always for unix sockets).</summary>
    public ClientTls? Tls { get; private init; }

    /// <summary>This endpoint spoken to with <paramref name="tls"/> when it is TCP.</summary>
    public DaemonEndpoint WithTls(ClientTls? tls) =>
        new(Original, SocketPath, TcpHost, TcpPort) { Tls = SocketPath is null ? tls : null };

    public static DaemonEndpoint Resolve(string? flagValue, Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(flagValue))
        {
            return Parse(flagValue);
        }

        foreach (var variable in new[] { HostEnvironmentVariable, "DOCKER_HOST" })
        {
            if (environment(variable) is { Length: > 0 } fromEnvironment)
            {
                return Parse(fromEnvironment);
            }
        }

        return Parse(DefaultHost);
    }

    /// <summary>Parses <c>unix:///path</c>, <c>tcp://host:port</c> or a bare socket path.</summary>
    public static DaemonEndpoint Parse(string host)
    {
        var value = host.Trim();
        if (value.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = value["unix://".Length..];
            if (path.Length == 0)
            {
                throw new FormatException($"invalid bind address ({host}): empty unix socket path");
            }

            return new DaemonEndpoint(host, path, null, 0);
        }

        if (value.StartsWith('/'))
        {
            return new DaemonEndpoint(host, value, null, 0);
        }

        if (value.StartsWith("tcp://", StringComparison.Ordinal))
        {
            var hostPort = value["tcp://".Length..].TrimEnd('/');
            var colon = hostPort.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            {
                throw new FormatException($"invalid bind address ({host}): a port is required");
            }

            return new DaemonEndpoint(host, null, hostPort[..colon].Trim('[', ']'), port);
        }

        throw new FormatException($"invalid bind address ({host}): unsupported protocol");
    }

    public override string ToString() => Original;
}
