using System.Text.Json;
using Berth.Cli.Containers;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary>
/// <c>berth exec</c>, in docker's order:
/// <code>
/// inspect container (so "No such container" wins) → check TTY → POST /containers/{id}/exec
///   → detached: POST /exec/{id}/start {Detach:true} → exit 0
///   → attached: hijack /exec/{id}/start → pump until the process ends → GET /exec/{id}/json → ExitCode
/// </code>
/// </summary>
internal sealed class ExecCommand : Command
{
    private BoolFlag _detach = null!;
    private StringFlag _detachKeys = null!;
    private ListFlag _env = null!;
    private ListFlag _envFile = null!;
    private BoolFlag _interactive = null!;
    private BoolFlag _privileged = null!;
    private BoolFlag _tty = null!;
    private StringFlag _user = null!;
    private StringFlag _workdir = null!;

    public override string Name => "exec";

    public override string Usage => "[OPTIONS] CONTAINER COMMAND [ARG...]";

    public override string Description => "Execute a command in a running container";

    public override IReadOnlyList<string> Aliases => ["container exec", "exec"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeast(2);

    public override bool Interspersed => false;

    public override void DefineFlags(FlagSet flags)
    {
        _detach = flags.Bool("detach", 'd', "Detached mode: run command in the background");
        _detachKeys = flags.String("detach-keys", null, "Override the key sequence for detaching a container");
        _env = flags.List("env", 'e', "Set environment variables");
        _envFile = flags.List("env-file", null, "Read in a file of environment variables");
        _interactive = flags.Bool("interactive", 'i', "Keep STDIN open even if not attached");
        _privileged = flags.Bool("privileged", null, "Give extended privileges to the command");
        _tty = flags.Bool("tty", 't', "Allocate a pseudo-TTY");
        _user = flags.String("user", 'u', "Username or UID (format: \"<name|uid>[:<group|gid>]\")");
        _workdir = flags.String("workdir", 'w', "Working directory inside the container");
    }

    /// <summary>The request this invocation sends; separate so tests can check it without a daemon.</summary>
    internal ExecRequest BuildRequest(IReadOnlyList<string> command, Func<string, string?> environment, (int Height, int Width)? terminalSize)
    {
        string[] ReadLines(string path) => File.Exists(path) ? File.ReadAllLines(path) : throw new CliFailure($"open {path}: no such file or directory");
        var env = EnvironmentList.Resolve(_envFile.Values, _env.Values, environment, ReadLines);
        return new ExecRequest(
            command, env, _user.Value, _workdir.Value, _tty.Value, _interactive.Value, _detach.Value, _privileged.Value, _detachKeys.Value,
            _tty.Value ? terminalSize ?? (0, 0) : null);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var client = context.Client;
        var request = BuildRequest(args.Skip(1).ToList(), Environment.GetEnvironmentVariable, context.Console.TerminalSize());
        (await client.InspectContainerAsync(args[0], false, context.Cancellation)).Dispose();
        if (!request.Detach && request.Tty && request.AttachStdin && !context.Console.IsStdinTerminal)
        {
            throw new CliFailure("the input device is not a TTY");
        }

        var execId = await client.CreateExecAsync(args[0], request.ToJson(), context.Cancellation);
        if (request.Detach)
        {
            await client.StartExecDetachedAsync(execId, request.Tty, context.Cancellation);
            return 0;
        }

        await using (var connection = await client.StartExecAttachedAsync(execId, request.Tty, context.Cancellation))
        {
            using var resize = request.Tty && context.Console.IsStdinTerminal
                ? TtySizeMonitor.Start(context, (h, w, ct) => client.ResizeExecAsync(execId, h, w, ct))
                : null;
            using var raw = request.Tty && request.AttachStdin ? context.Console.MakeStdinRaw() : null;
            var session = new AttachSession(context, connection, request.Tty, AttachSession.KeysFrom(_detachKeys.Value));
            if (request.AttachStdin)
            {
                session.StartStdinPump();
            }

            var (detached, systemError) = await session.PumpOutputOrDetachAsync();
            if (detached)
            {
                throw AttachSession.DetachedFailure();
            }

            if (systemError is not null)
            {
                context.Console.Error.Write(systemError + "\n");
            }
        }

        using var inspect = await client.InspectExecAsync(execId, context.Cancellation);
        var exitCode = inspect.RootElement.TryGetProperty("ExitCode", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : 0;
        return exitCode == 0 ? 0 : throw new CliFailure(string.Empty, exitCode);
    }
}
