using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Cli.Networks;

namespace Berth.Cli.Commands;

/// <summary><c>berth network create</c>: prints the new network's ID.</summary>
internal sealed class NetworkCreateCommand : Command
{
    private BoolFlag _attachable = null!;
    private MapFlag _auxAddress = null!;
    private StringFlag _configFrom = null!;
    private BoolFlag _configOnly = null!;
    private StringFlag _driver = null!;
    private StringsFlag _gateway = null!;
    private BoolFlag _ingress = null!;
    private BoolFlag _internal = null!;
    private StringsFlag _ipRange = null!;
    private StringFlag _ipamDriver = null!;
    private MapFlag _ipamOpt = null!;
    private BoolFlag _ipv4 = null!;
    private BoolFlag _ipv6 = null!;
    private ListFlag _label = null!;
    private MapFlag _opt = null!;
    private StringFlag _scope = null!;
    private StringsFlag _subnet = null!;

    public override string Name => "create";

    public override string Usage => "[OPTIONS] NETWORK";

    public override string Description => "Create a network";

    public override IReadOnlyList<string> Aliases => ["network create"];

    public override ArgumentRule Arguments => ArgumentRule.ExactlyOne;

    public override void DefineFlags(FlagSet flags)
    {
        _attachable = flags.Bool("attachable", null, "Enable manual container attachment");
        _auxAddress = flags.Add(new MapFlag("aux-address", null, "Auxiliary IPv4 or IPv6 addresses used by Network driver"));
        _configFrom = flags.String("config-from", null, "The network from which to copy the configuration");
        _configOnly = flags.Bool("config-only", null, "Create a configuration only network");
        _driver = flags.String("driver", 'd', "Driver to manage the Network", "bridge");
        _gateway = flags.Add(new StringsFlag("gateway", null, "IPv4 or IPv6 Gateway for the master subnet"));
        _ingress = flags.Bool("ingress", null, "Create swarm routing-mesh network");
        _internal = flags.Bool("internal", null, "Restrict external access to the network");
        _ipRange = flags.Add(new StringsFlag("ip-range", null, "Allocate container ip from a sub-range"));
        _ipamDriver = flags.String("ipam-driver", null, "IP Address Management Driver", "default");
        _ipamOpt = flags.Add(new MapFlag("ipam-opt", null, "Set IPAM driver specific options"));
        _ipv4 = flags.Bool("ipv4", null, "Enable or disable IPv4 address assignment", true);
        _ipv6 = flags.Bool("ipv6", null, "Enable or disable IPv6 address assignment");
        _label = flags.List("label", null, "Set metadata on a network");
        _opt = flags.Add(new MapFlag("opt", 'o', "Set driver specific options"));
        _scope = flags.String("scope", null, "Control the network's scope");
        _subnet = flags.Add(new StringsFlag("subnet", null, "Subnet in CIDR format that represents a network segment"));
    }

    /// <summary>The NetworkCreateRequest body, as docker 28 sends it.</summary>
    internal byte[] BuildRequest(string name)
    {
        var pools = IpamSpec.Consolidate(_subnet.Values, _ipRange.Values, _gateway.Values);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Name", name);
            w.WriteString("Driver", _driver.Value);
            w.WriteString("Scope", _scope.Value);
            if (_ipv4.Changed)
            {
                w.WriteBoolean("EnableIPv4", _ipv4.Value);
            }

            if (_ipv6.Changed)
            {
                w.WriteBoolean("EnableIPv6", _ipv6.Value);
            }

            w.WriteStartObject("IPAM");
            w.WriteString("Driver", _ipamDriver.Value);
            IpamSpec.Write(w, pools);
            WriteMap(w, "Options", _ipamOpt.Values);
            w.WriteEndObject();
            w.WriteBoolean("Internal", _internal.Value);
            w.WriteBoolean("Attachable", _attachable.Value);
            w.WriteBoolean("Ingress", _ingress.Value);
            w.WriteBoolean("ConfigOnly", _configOnly.Value);
            if (_configFrom.Value.Length > 0)
            {
                w.WriteStartObject("ConfigFrom");
                w.WriteString("Network", _configFrom.Value);
                w.WriteEndObject();
            }

            WriteMap(w, "Options", _opt.Values);
            WriteMap(w, "Labels", _label.Values.Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty));
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        byte[] body;
        try
        {
            if (_auxAddress.Values.Count > 0)
            {
                throw new FormatException("auxiliary addresses are not supported");
            }

            body = BuildRequest(args[0]);
        }
        catch (FormatException ex)
        {
            throw new CliFailure(ex.Message);
        }

        using var response = await context.Client.CreateNetworkAsync(body, context.Cancellation);
        context.Console.Out.Write(response.RootElement.GetProperty("Id").GetString() + "\n");
        return 0;
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> values)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }
}
