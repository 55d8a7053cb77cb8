using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;

namespace Berth.Cli.Commands;

/// <summary><c>berth port</c>: "PORT/PROTO -> HOST:PORT" lines in natural order, or the bindings of one port.</summary>
internal sealed class PortCommand : Command
{
    public override string Name => "port";

    public override string Usage => "CONTAINER [PRIVATE_PORT[/PROTO]]";

    public override string Description => "List port mappings or a specific mapping for the container";

    public override IReadOnlyList<string> Aliases => ["container port", "port"];

    public override ArgumentRule Arguments => new(1, 2);

    public override void DefineFlags(FlagSet flags)
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        using var inspect = await context.Client.InspectContainerAsync(args[0], false, context.Cancellation);
        var ports = inspect.RootElement.TryGetProperty("NetworkSettings", out var settings) && settings.TryGetProperty("Ports", out var p)
            && p.ValueKind == JsonValueKind.Object ? p : default;
        var lines = Lines(ports, args.Count > 1 ? args[1] : null, args[0]);
        if (lines.Count > 0)
        {
            context.Console.Out.Write(string.Join('\n', lines.Order(NaturalOrder.Instance)) + "\n");
        }

        return 0;
    }

    internal static List<string> Lines(JsonElement ports, string? privatePort, string container)
    {
        var lines = new List<string>();
        if (privatePort is not null)
        {
            var slash = privatePort.IndexOf('/');
            var port = slash < 0 ? privatePort : privatePort[..slash];
            var proto = slash < 0 || slash == privatePort.Length - 1 ? "tcp" : privatePort[(slash + 1)..];
            if (!ushort.TryParse(port, out _))
            {
                throw new CliFailure($"Error: invalid port ({port}): strconv.ParseUint: parsing \"{port}\": invalid syntax");
            }

            if (ports.ValueKind != JsonValueKind.Object || !ports.TryGetProperty(port + "/" + proto, out var bindings)
                || bindings.ValueKind != JsonValueKind.Array || bindings.GetArrayLength() == 0)
            {
                throw new CliFailure($"Error: No public port '{privatePort}' published for {container}");
            }

            lines.AddRange(bindings.EnumerateArray().Select(HostPort));
            return lines;
        }

        if (ports.ValueKind == JsonValueKind.Object)
        {
            foreach (var port in ports.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.Array))
            {
                lines.AddRange(port.Value.EnumerateArray().Select(b => port.Name + " -> " + HostPort(b)));
            }
        }

        return lines;
    }

    /// <summary>Go's <c>net.JoinHostPort</c>: IPv6 hosts in brackets.</summary>
    private static string HostPort(JsonElement binding)
    {
        var ip = binding.TryGetProperty("HostIp", out var i) ? i.GetString() ?? string.Empty : string.Empty;
        var port = binding.TryGetProperty("HostPort", out var h) ? h.GetString() ?? string.Empty : string.Empty;
        return ip.Contains(':') ? $"[{ip}]:{port}" : $"{ip}:{port}";
    }
}
