using System.Text.Json;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth network connect</c>: silent on success.</summary>
internal sealed class NetworkConnectCommand : Command
{
    private StringsFlag _alias = null!;
    private StringsFlag _driverOpt = null!;
    private IntFlag _gwPriority = null!;
    private StringFlag _ip = null!;
    private StringFlag _ip6 = null!;
    private ListFlag _link = null!;
    private StringsFlag _linkLocalIp = null!;

    public override string Name => "connect";

    public override string Usage => "[OPTIONS] NETWORK CONTAINER";

    public override string Description => "Connect a container to a network";

    public override IReadOnlyList<string> Aliases => ["network connect"];

    public override ArgumentRule Arguments => ArgumentRule.Exactly(2);

    public override void DefineFlags(FlagSet flags)
    {
        _alias = flags.Add(new StringsFlag("alias", null, "Add network-scoped alias for the container"));
        _driverOpt = flags.Add(new StringsFlag("driver-opt", null, "driver options for the network"));
        _gwPriority = flags.Int("gw-priority", null, "Highest gw-priority provides the default gateway. Accepts positive and negative values.");
        _ip = flags.String("ip", null, "IPv4 address (e.g., \"172.30.100.104\")");
        _ip6 = flags.String("ip6", null, "IPv6 address (e.g., \"2001:db8::33\")");
        _link = flags.List("link", null, "Add link to another container");
        _linkLocalIp = flags.Add(new StringsFlag("link-local-ip", null, "Add a link-local address for the container"));
    }

    /// <summary><c>{"Container", "EndpointConfig"}</c> as docker's NetworkConnect sends it.</summary>
    internal byte[] BuildRequest(string container)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Container", container);
            w.WriteStartObject("EndpointConfig");
            w.WriteStartObject("IPAMConfig");
            if (_ip.Value.Length > 0)
            {
                w.WriteString("IPv4Address", _ip.Value);
            }

            if (_ip6.Value.Length > 0)
            {
                w.WriteString("IPv6Address", _ip6.Value);
            }

            WriteArray(w, "LinkLocalIPs", _linkLocalIp.Values);
            w.WriteEndObject();
            WriteArray(w, "Links", _link.Values);
            WriteArray(w, "Aliases", _alias.Values);
            if (_driverOpt.Values.Count > 0)
            {
                w.WriteStartObject("DriverOpts");
                foreach (var option in _driverOpt.Values)
                {
                    var parts = option.Split('=', 2);
                    w.WriteString(parts[0], parts.Length > 1 ? parts[1] : string.Empty);
                }

                w.WriteEndObject();
            }

            if (_gwPriority.Value != 0)
            {
                w.WriteNumber("GwPriority", _gwPriority.Value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        await context.Client.ConnectNetworkAsync(args[0], BuildRequest(args[1]), context.Cancellation);
        return 0;
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
