using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth network inspect</c>.</summary>
internal sealed class NetworkInspectCommand : Command
{
    private StringFlag _format = null!;

    public override string Name => "inspect";

    public override string Usage => "[OPTIONS] NETWORK [NETWORK...]";

    public override string Description => "Display detailed information on one or more networks";

    public override IReadOnlyList<string> Aliases => ["network inspect"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
        _format = flags.String("format", 'f', FormatUsage.Inspect);
        flags.Bool("verbose", 'v', "Verbose output for diagnostics");
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var templated = _format.Value.Length > 0 && _format.Value != "json";
        return InspectPrinter.RunAsync(context, args, _format.Value, async (id, ct) =>
        {
            var document = await context.Client.InspectNetworkAsync(id, ct);
            return templated ? WithTypedDefaults(document) : document;
        });
    }

    /// <summary>
    /// docker runs templates over its typed network.Inspect, where fields the JSON omits when
    /// empty (an IPAM pool's IPRange, Gateway) still exist; fill them so templates can name them.
    /// </summary>
    internal static JsonDocument WithTypedDefaults(JsonDocument document)
    {
        using (document)
        {
            var root = JsonNode.Parse(document.RootElement.GetRawText())!;
            if (root["IPAM"]?["Config"] is JsonArray pools)
            {
                foreach (var pool in pools.OfType<JsonObject>())
                {
                    foreach (var field in new[] { "Subnet", "IPRange", "Gateway" })
                    {
                        if (!pool.ContainsKey(field))
                        {
                            pool[field] = string.Empty;
                        }
                    }
                }
            }

            return JsonDocument.Parse(root.ToJsonString());
        }
    }
}
