using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth rmi</c> / <c>image rm</c>: prints "Untagged:" and "Deleted:" lines per image.</summary>
internal sealed class RmiCommand : Command
{
    private BoolFlag _force = null!;
    private BoolFlag _noPrune = null!;

    public override string Name => "rmi";

    public override string Usage => "[OPTIONS] IMAGE [IMAGE...]";

    public override string Description => "Remove one or more images";

    public override IReadOnlyList<string> Aliases => ["image rm", "image remove", "rmi"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
        _force = flags.Bool("force", 'f', "Force removal of the image");
        _noPrune = flags.Bool("no-prune", null, "Do not delete untagged parents");
        flags.Add(new ListFlag("platform", null, "Remove only the given platform variant. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")", "stringSlice") { Hidden = true });
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
        => ContainerBatch.RunAsync(context, args, async name =>
        {
            using var result = await context.Client.RemoveImageAsync(name, _force.Value, _noPrune.Value, context.Cancellation);
            var lines = new List<string>();
            foreach (var item in result.RootElement.EnumerateArray())
            {
                if (item.TryGetProperty("Untagged", out var untagged) && untagged.ValueKind == JsonValueKind.String)
                {
                    lines.Add("Untagged: " + untagged.GetString());
                }

                if (item.TryGetProperty("Deleted", out var deleted) && deleted.ValueKind == JsonValueKind.String)
                {
                    lines.Add("Deleted: " + deleted.GetString());
                }
            }

            return lines.Count == 0 ? null : string.Join('\n', lines);
        });
}
