using Berth.Cli.Containers;
using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth create</c>: like run without starting; prints the new container's ID.</summary>
internal sealed class CreateCommand : Command
{
    private ContainerFlags _container = null!;

    public override string Name => "create";

    public override string Usage => "[OPTIONS] IMAGE [COMMAND] [ARG...]";

    public override string Description => "Create a new container";

    public override IReadOnlyList<string> Aliases => ["container create", "create"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override bool Interspersed => false;

    public override void DefineFlags(FlagSet flags) => _container = new ContainerFlags(flags);

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        try
        {
            // Like docker, create records the attach streams "start -a" will later use.
            var spec = ContainerSpecBuilder.Build(_container, args[0], args.Skip(1).ToList(), detach: false, Environment.GetEnvironmentVariable);
            var id = await ContainerCreator.CreateAsync(context, spec, _container.Quiet.Value, _container.Cidfile.Value);
            context.Console.Out.Write(id + "\n");
            return 0;
        }
        catch (FormatException ex)
        {
            return RunCommand.Report(context, ex.Message, 125);
        }
        catch (EngineApiException ex)
        {
            return RunCommand.Report(context, "Error response from daemon: " + ex.Message, 125);
        }
        catch (CliFailure ex) when (ex.ExitCode == 125 && ex.Message.Length > 0)
        {
            return RunCommand.Report(context, ex.Message, 125);
        }
    }
}
