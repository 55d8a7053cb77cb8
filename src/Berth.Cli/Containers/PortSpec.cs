using System.Globalization;

namespace Berth.Cli.Containers;

/// <summary>
/// One <c>-p</c> mapping in its API form: the container port key ("80/tcp") and a host
/// binding. Accepts docker's forms: <c>80</c>, <c>8080:80</c>, <c>127.0.0.1:8080:80</c>,
/// <c>127.0.0.1::80</c>, <c>[::1]:8080:80</c>, a <c>/udp</c> suffix and equal-length ranges.
/// </summary>
internal sealed record PortSpec(string ContainerPort, string HostIp, string HostPort)
{
    public static IEnumerable<PortSpec> Parse(string text)
    {
        var protocol = "tcp";
        var slash = text.LastIndexOf('/');
        var body = text;
        if (slash >= 0)
        {
            protocol = text[(slash + 1)..].ToLowerInvariant();
            body = text[..slash];
        }

        var hostIp = string.Empty;
        if (body.StartsWith('['))
        {
            var close = body.IndexOf(']');
            hostIp = body[1..close];
            body = body[(close + 2)..];
        }

        var parts = body.Split(':');
        string hostPort;
        string containerPort;
        switch (parts.Length)
        {
            case 1:
                (hostPort, containerPort) = (string.Empty, parts[0]);
                break;
            case 2 when hostIp.Length > 0:
            case 2:
                (hostPort, containerPort) = (parts[0], parts[1]);
                break;
            case 3:
                (hostIp, hostPort, containerPort) = (parts[0], parts[1], parts[2]);
                break;
            default:
                throw new FormatException($"invalid port format for --publish: {text}");
        }

        var (first, last) = Range(containerPort, "containerPort");
        if (hostPort.Length == 0)
        {
            return Enumerable.Range(first, last - first + 1).Select(p => new PortSpec($"{p}/{protocol}", hostIp, string.Empty)).ToList();
        }

        var (hostFirst, hostLast) = Range(hostPort, "hostPort");
        if (hostLast - hostFirst == last - first)
        {
            return Enumerable.Range(0, last - first + 1)
                .Select(i => new PortSpec($"{first + i}/{protocol}", hostIp, (hostFirst + i).ToString(CultureInfo.InvariantCulture))).ToList();
        }

        if (first == last)
        {
            // A single container port may take any port of a host range.
            return [new PortSpec($"{first}/{protocol}", hostIp, hostPort)];
        }

        throw new FormatException($"invalid ranges specified for container and host Ports: {containerPort} and {hostPort}");
    }

    private static (int First, int Last) Range(string text, string what)
    {
        var dash = text.IndexOf('-');
        var firstText = dash < 0 ? text : text[..dash];
        var lastText = dash < 0 ? text : text[(dash + 1)..];
        if (!int.TryParse(firstText, out var first) || !int.TryParse(lastText, out var last) || first is < 0 or > 65535 || last < first || last > 65535)
        {
            throw new FormatException($"invalid {what}: {text}");
        }

        return (first, last);
    }
}
