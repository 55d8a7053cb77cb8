using Berth.Cli.Contexts;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth context rm NAME...</c>: the current context only with <c>-f</c> (which switches back to default).</summary>
internal sealed class ContextRmCommand : Command
{
    private BoolFlag _force = null!;

    public override string Name => "rm";

    public override string Usage => "CONTEXT [CONTEXT...]";

    public override string Description => "Remove one or more contexts";

    public override IReadOnlyList<string> Aliases => ["context rm", "context remove"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags) =>
        _force = flags.Bool("force", 'f', "Force the removal of a context in use");

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var store = ContextStore.Open();
        var errors = new List<string>();
        foreach (string name in args)
        {
            if (name == ContextStore.Default)
                errors.Add($"failed to remove context {name}: default context cannot be removed");
            else if (store.Find(name) is null)
                errors.Add($"failed to remove context {name}: context \"{name}\" does not exist");
            else if (store.Current == name && !_force.Value)
                errors.Add($"failed to remove context {name}: context \"{name}\" is in use, set -f flag to force remove");
            else
            {
                if (store.Current == name)
                    store.Current = ContextStore.Default;
                store.Remove(name);
                context.Console.Out.Write(name + "\n");
            }
        }
        return errors.Count > 0 ? throw new CliFailure(string.Join('\n', errors)) : Task.FromResult(0);
    }
}
