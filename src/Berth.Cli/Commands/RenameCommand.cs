using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth rename</c>: the daemon's error, then docker's own line about the failure.</summary>
internal sealed class RenameCommand : Command
{
    public override string Name => "rename";

    public override string Usage => "CONTAINER NEW_NAME";

    public override string Description => "Rename a container";

    public override IReadOnlyList<string> Aliases => ["container rename", "rename"];

    public override ArgumentRule Arguments => ArgumentRule.Exactly(2);

    public override void DefineFlags(FlagSet flags)
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var oldName = args[0];
        var newName = args[1].Trim();
        if (oldName.Length == 0 || newName.Length == 0)
        {
            throw new CliFailure("Error: Neither old nor new names may be empty");
        }

        try
        {
            await context.Client.RenameContainerAsync(oldName, newName, context.Cancellation);
        }
        catch (EngineApiException ex)
        {
            context.Console.Error.Write("Error response from daemon: " + ex.Message + "\n");
            throw new CliFailure($"Error: failed to rename container named {oldName}");
        }

        return 0;
    }
}
