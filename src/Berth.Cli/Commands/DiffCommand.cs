using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth diff</c>: the container's changes as docker prints them, one <c>C|A|D path</c> line each.</summary>
internal sealed class DiffCommand : Command
{
    public override string Name => "diff";

    public override string Usage => "CONTAINER";

    public override string Description => "Inspect changes to files or directories on a container's filesystem";

    public override IReadOnlyList<string> Aliases => ["container diff", "diff"];

    public override ArgumentRule Arguments => new(1, 1);

    public override void DefineFlags(FlagSet flags)
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        using var changes = await context.Client.ContainerChangesAsync(args[0], context.Cancellation);
        if (changes.RootElement.ValueKind != System.Text.Json.JsonValueKind.Array)
            return 0;
        foreach (var change in changes.RootElement.EnumerateArray())
        {
            string kind = change.GetProperty("Kind").GetInt32() switch { 0 => "C", 1 => "A", 2 => "D", _ => "?" };
            context.Console.Out.Write($"{kind} {change.GetProperty("Path").GetString()}\n");
        }
        return 0;
    }
}
