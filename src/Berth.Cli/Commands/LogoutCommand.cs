using Berth.Cli.Flags;
using Berth.Cli.Registry;

namespace Berth.Cli.Commands;

/// <summary><c>berth logout</c>: forgets the stored login, as <c>docker logout</c> (no daemon call).</summary>
internal sealed class LogoutCommand : Command
{
    public override string Name => "logout";

    public override string Usage => "[SERVER]";

    public override string Description => "Log out from a registry.\nIf no server is specified, the default is defined by the daemon.";

    public override IReadOnlyList<string> Aliases => ["logout"];

    public override ArgumentRule Arguments => new(0, 1);

    public override void DefineFlags(FlagSet flags)
    {
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        string server = args.Count > 0 ? args[0] : DockerConfigFile.HubServer;
        string key = DockerConfigFile.ServerKey(server);
        context.Console.Out.Write(DockerConfigFile.Load().Remove(server)
            ? $"Removing login credentials for {key}\n"
            : $"Not logged in to {key}\n");
        return Task.FromResult(0);
    }
}
