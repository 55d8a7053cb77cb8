using Berth.Cli.Contexts;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth context use NAME</c>: sets <c>currentContext</c> in config.json ("default" removes it).</summary>
internal sealed class ContextUseCommand : Command
{
    public override string Name => "use";

    public override string Usage => "CONTEXT";

    public override string Description => "Set the current docker context";

    public override IReadOnlyList<string> Aliases => ["context use"];

    public override ArgumentRule Arguments => ArgumentRule.ExactlyOne;

    public override void DefineFlags(FlagSet flags)
    {
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        string name = args[0];
        var store = ContextStore.Open();
        if (name != ContextStore.Default && store.Find(name) is null)
            throw new CliFailure($"context \"{name}\" does not exist");
        store.Current = name;
        context.Console.Out.Write(name + "\n");
        context.Console.Error.Write($"Current context is now \"{name}\"\n");
        return Task.FromResult(0);
    }
}
