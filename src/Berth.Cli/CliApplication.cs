using Berth.Cli.Commands;
using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli;

/// <summary>
/// Entry point logic: global flags, command lookup, flag parsing, and the mapping of
/// failures to docker's messages and exit codes (125 bad flags, 1 command errors).
/// </summary>
internal static class CliApplication
{
    public const string ProgramName = "berth";
    public const string Version = "0.1.0";

    public static async Task<int> RunAsync(string[] args)
    {
        using var console = new CliConsole();
        System.Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            console.Cancel();
        };

        var globals = new FlagSet { Interspersed = false };
        var host = globals.List("host", 'H', "Daemon socket to connect to");
        globals.Bool("debug", 'D', "Enable debug mode");
        globals.String("log-level", 'l', "Set the logging level");
        globals.String("config", null, "Location of client config files");
        var contextFlag = globals.String("context", 'c', "Name of the context to use to connect to the daemon");
        var tls = globals.Bool("tls", null, "Use TLS; implied by --tlsverify");
        var tlsVerify = globals.Bool("tlsverify", null, "Use TLS and verify the remote");
        var tlsCaCert = globals.String("tlscacert", null, "Trust certs signed only by this CA");
        var tlsCert = globals.String("tlscert", null, "Path to TLS certificate file");
        var tlsKey = globals.String("tlskey", null, "Path to TLS key file");
        var version = globals.Bool("version", 'v', "Print version information and quit");
        var help = globals.Bool("help", 'h', "Print usage");

        List<string> rest;
        try
        {
            rest = globals.Parse(args);
        }
        catch (FlagException ex)
        {
            console.Error.Write($"{ex.Message}\n\nUsage:  {ProgramName} [OPTIONS] COMMAND\n\nRun '{ProgramName} --help' for more information\n");
            return 125;
        }

        if (version.Value)
        {
            console.Out.Write($"Berth version {Version}\n");
            return 0;
        }

        if (rest.Count == 0 || help.Value || rest[0] == "help" && rest.Count == 1)
        {
            console.Out.Write(HelpWriter.ForRoot(CommandRegistry.TopLevel(), CommandRegistry.Groups));
            return 0;
        }

        string? Given(StringFlag flag) => flag.Changed ? flag.Value : null;
        EngineClient ClientFactory()
        {
            var tlsSettings = ClientTls.Resolve(tls.Changed ? tls.Value : null, tlsVerify.Changed ? tlsVerify.Value : null,
                Given(tlsCaCert), Given(tlsCert), Given(tlsKey), Environment.GetEnvironmentVariable);
            var endpoint = DaemonEndpoint.Resolve(host.Values.LastOrDefault(), Environment.GetEnvironmentVariable);
            bool fromEnvironment = host.Values.Count > 0 || new[] { DaemonEndpoint.HostEnvironmentVariable, "DOCKER_HOST" }.Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
            if (!fromEnvironment && Contexts.ContextResolver.Endpoint(Given(contextFlag)) is { } fromContext)
            {
                return new EngineClient(fromContext);
            }

            return new EngineClient(endpoint.WithTls(tlsSettings));
        }

        return await RunCommandAsync(console, rest, ClientFactory).ConfigureAwait(false);
    }

    private static async Task<int> RunCommandAsync(CliConsole console, List<string> args, Func<EngineClient> clientFactory)
    {
        var command = CommandRegistry.Find(args, out var consumed);
        if (command is null)
        {
            return ReportUnknown(console, args);
        }

        var commandPath = ProgramName + " " + string.Join(' ', args.Take(consumed));
        var flags = new FlagSet { Interspersed = command.Interspersed };
        command.DefineFlags(flags);
        var help = flags.Add(new BoolFlag("help", null, "Print usage") { Hidden = true });
        List<string> positional;
        try
        {
            positional = flags.Parse(args.Skip(consumed).ToList());
        }
        catch (FlagException ex)
        {
            console.Error.Write($"{ex.Message}\n\nUsage:  {commandPath} {command.Usage}\n\nRun '{commandPath} --help' for more information\n");
            return 125;
        }

        foreach (var warning in flags.Warnings)
        {
            console.Error.Write(warning + "\n");
        }

        if (help.Value)
        {
            console.Out.Write(HelpWriter.ForCommand(commandPath, command, flags));
            return 0;
        }

        if (command.Arguments.Check(commandPath, positional.Count, out var seeHelp) is { } argumentError)
        {
            console.Error.Write($"{ProgramName}: {argumentError}\n\nUsage:  {commandPath} {command.Usage}\n\n{(seeHelp ? "See" : "Run")} '{commandPath} --help' for more information\n");
            return 1;
        }

        var context = new CommandContext(commandPath, console, clientFactory);
        try
        {
            return await command.ExecuteAsync(context, positional).ConfigureAwait(false);
        }
        catch (CliFailure ex)
        {
            console.Flush();
            if (ex.Message.Length > 0)
            {
                console.Error.Write(ex.Message + "\n");
            }

            return ex.ExitCode;
        }
        catch (EngineApiException ex)
        {
            console.Flush();
            console.Error.Write($"Error response from daemon: {ex.Message}\n");
            return 1;
        }
        catch (DaemonUnreachableException ex)
        {
            console.Flush();
            console.Error.Write(ex.Message + "\n");
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The daemon hung up mid-response (it stopped or crashed): report it, never a stack trace.
            console.Flush();
            console.Error.Write($"error during connect: {ex.Message}\n");
            return 1;
        }
        catch (OperationCanceledException) when (console.Cancellation.IsCancellationRequested)
        {
            return 130;
        }
    }

    private static int ReportUnknown(CliConsole console, List<string> args)
    {
        if ((args.Count == 1 || args.Count == 2 && args[1] is "--help" or "-h") && CommandRegistry.Groups.FirstOrDefault(g => g.Name == args[0]) is { Name: not null } group)
        {
            // docker prints a bare group's usage on stderr, and on stdout when asked with --help.
            (args.Count == 1 ? console.Error : console.Out).Write(HelpWriter.ForGroup(group.Name, group.Description, CommandRegistry.InGroup(group.Name)));
            return 0;
        }

        var isGroup = CommandRegistry.Groups.Any(g => g.Name == args[0]);
        var shown = isGroup ? $"{args[0]} {args[1]}" : args[0];
        var usage = isGroup ? $"{ProgramName} {args[0]}" : $"{ProgramName} [OPTIONS] COMMAND";
        var helpPath = isGroup ? $"{ProgramName} {args[0]}" : ProgramName;
        console.Error.Write(isGroup
            ? $"{ProgramName}: unknown command: {ProgramName} {shown}\n\nUsage:  {usage}\n\nRun '{helpPath} --help' for more information\n"
            : $"{ProgramName}: unknown command: {ProgramName} {shown}\n\nRun '{helpPath} --help' for more information\n");
        return 1;
    }
}
