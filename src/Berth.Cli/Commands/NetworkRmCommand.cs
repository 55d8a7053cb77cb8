using System.Net;
using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth network rm</c>: each name printed on success, each error printed as it happens, exit 1 if any failed.</summary>
internal sealed class NetworkRmCommand : Command
{
    private BoolFlag _force = null!;

    public override string Name => "rm";

    public override string Usage => "NETWORK [NETWORK...]";

    public override string Description => "Remove one or more networks";

    public override IReadOnlyList<string> Aliases => ["network rm", "network remove"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
        => _force = flags.Bool("force", 'f', "Do not error if the network does not exist");

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var failed = false;
        foreach (var name in args)
        {
            try
            {
                await context.Client.RemoveNetworkAsync(name, context.Cancellation);
                context.Console.Out.Write(name + "\n");
            }
            catch (EngineApiException ex) when (!(_force.Value && ex.StatusCode == HttpStatusCode.NotFound))
            {
                context.Console.Flush();
                context.Console.Error.Write("Error response from daemon: " + ex.Message + "\n");
                failed = true;
            }
            catch (EngineApiException)
            {
                // --force: a missing network is not an error.
            }
        }

        // docker ends with its StatusError text after the individual errors.
        return failed ? throw new CliFailure("exit status 1") : 0;
    }
}
