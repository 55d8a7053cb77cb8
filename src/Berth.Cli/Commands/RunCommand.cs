using Berth.Cli.Containers;
using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth run</c>: create (pulling if needed), attach, wait, start; exit with the container's status.</summary>
internal sealed class RunCommand : Command
{
    private ContainerFlags _container = null!;
    private BoolFlag _detach = null!;
    private StringFlag _detachKeys = null!;
    private BoolFlag _sigProxy = null!;

    public override string Name => "run";

    public override string Usage => "[OPTIONS] IMAGE [COMMAND] [ARG...]";

    public override string Description => "Create and run a new container from an image";

    public override IReadOnlyList<string> Aliases => ["container run", "run"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override bool Interspersed => false;

    public override void DefineFlags(FlagSet flags)
    {
        _container = new ContainerFlags(flags);
        _detach = flags.Bool("detach", 'd', "Run container in background and print container ID");
        _detachKeys = flags.String("detach-keys", null, "Override the key sequence for detaching a container");
        _sigProxy = flags.Bool("sig-proxy", null, "Proxy received signals to the process", true);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (_detach.Value && _container.Attach.Values.Count > 0)
        {
            throw new CliFailure("conflicting options: cannot specify both --attach and --detach");
        }

        try
        {
            var spec = ContainerSpecBuilder.Build(_container, args[0], args.Skip(1).ToList(), _detach.Value, Environment.GetEnvironmentVariable);
            if (spec.Tty && spec.AttachStdin && !context.Console.IsStdinTerminal)
            {
                throw new CliFailure("the input device is not a TTY", 1);
            }

            var id = await ContainerCreator.CreateAsync(context, spec, _container.Quiet.Value, _container.Cidfile.Value);
            if (_detach.Value)
            {
                await context.Client.StartContainerAsync(id, context.Cancellation);
                context.Console.Out.Write(id + "\n");
                return 0;
            }

            return await ContainerRunner.RunAttachedAsync(
                context, id, spec.Tty, spec.AttachStdin, spec.AttachStdout, spec.AttachStderr, spec.AutoRemove, _sigProxy.Value, _detachKeys.Value,
                ex => Report(context, "Error response from daemon: " + ex.Message, StartFailure.ExitCode(ex.Message)));
        }
        catch (FormatException ex)
        {
            return Report(context, ex.Message, 125);
        }
        catch (EngineApiException ex)
        {
            return Report(context, "Error response from daemon: " + ex.Message, 125);
        }
        catch (CliFailure ex) when (ex.ExitCode == 125 && ex.Message.Length > 0)
        {
            return Report(context, ex.Message, 125);
        }
    }

    /// <summary>docker's reportError: "berth: MESSAGE" and a pointer to the help.</summary>
    internal static int Report(CommandContext context, string message, int exitCode)
    {
        context.Console.Flush();
        context.Console.Error.Write($"{CliApplication.ProgramName}: {message}\n\nRun '{context.CommandPath} --help' for more information\n");
        return exitCode;
    }
}
