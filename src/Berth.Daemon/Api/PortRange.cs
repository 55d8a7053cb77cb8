using System.Globalization;

namespace Berth.Daemon.Api;

/// <summary>A <c>publish</c>/<c>expose</c> filter value: <c>80</c>, <c>80/udp</c>, <c>8000-8080/tcp</c> (tcp by default).</summary>
internal sealed record PortRange(int First, int Last, string Protocol)
{
    /// <exception cref="FormatException">with the words of Go's parser, which dockerd's errors quote.</exception>
    public static PortRange Parse(string text)
    {
        int slash = text.IndexOf('/');
        string ports = slash < 0 ? text : text[..slash];
        string protocol = slash < 0 ? "tcp" : text[(slash + 1)..].ToLowerInvariant();
        int dash = ports.IndexOf('-');
        int first = Port(dash < 0 ? ports : ports[..dash]);
        int last = dash < 0 ? first : Port(ports[(dash + 1)..]);
        if (last < first)
            throw new FormatException($"Invalid range specified for the Port: {ports}");
        return new PortRange(first, last, protocol);
    }

    public bool Matches(IEnumerable<(int Port, string Protocol)> ports) =>
        ports.Any(p => p.Protocol == Protocol && p.Port >= First && p.Port <= Last);

    private static int Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535
            ? port
            : throw new FormatException($"strconv.ParseUint: parsing \"{text}\": invalid syntax");
}
