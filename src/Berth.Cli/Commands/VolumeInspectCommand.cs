using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth volume inspect</c>.</summary>
internal sealed class VolumeInspectCommand : Command
{
    private StringFlag _format = null!;

    public override string Name => "inspect";

    public override string Usage => "[OPTIONS] VOLUME [VOLUME...]";

    public override string Description => "Display detailed information on one or more volumes";

    public override IReadOnlyList<string> Aliases => ["volume inspect"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags) => _format = flags.String("format", 'f', FormatUsage.Inspect);

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var templated = _format.Value.Length > 0 && _format.Value != "json";
        return InspectPrinter.RunAsync(context, args, _format.Value, async (name, ct) =>
        {
            var document = await context.Client.InspectVolumeAsync(name, ct);
            return templated ? WithTypedDefaults(document) : document;
        });
    }

    /// <summary>docker runs templates over its typed volume.Volume, where a null Labels or Options is still a map ("map[]").</summary>
    internal static JsonDocument WithTypedDefaults(JsonDocument document)
    {
        using (document)
        {
            var root = JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
            foreach (var field in new[] { "Labels", "Options" })
            {
                if (root[field] is null)
                {
                    root[field] = new JsonObject();
                }
            }

            return JsonDocument.Parse(root.ToJsonString());
        }
    }
}
