using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;
using Berth.Client.Streams;

namespace Berth.Cli.Commands;

/// <summary><c>berth logs</c>: raw output for TTY containers, demultiplexed otherwise.</summary>
internal sealed class LogsCommand : Command
{
    private BoolFlag _details = null!;
    private BoolFlag _follow = null!;
    private StringFlag _since = null!;
    private StringFlag _tail = null!;
    private BoolFlag _timestamps = null!;
    private StringFlag _until = null!;

    public override string Name => "logs";

    public override string Usage => "[OPTIONS] CONTAINER";

    public override string Description => "Fetch the logs of a container";

    public override IReadOnlyList<string> Aliases => ["container logs", "logs"];

    public override ArgumentRule Arguments => ArgumentRule.ExactlyOne;

    public override void DefineFlags(FlagSet flags)
    {
        _details = flags.Bool("details", null, "Show extra details provided to logs");
        _follow = flags.Bool("follow", 'f', "Follow log output");
        _since = flags.String("since", null, "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");
        _tail = flags.String("tail", 'n', "Number of lines to show from the end of the logs", "all");
        _timestamps = flags.Bool("timestamps", 't', "Show timestamps");
        _until = flags.String("until", null, "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        using var inspect = await context.Client.InspectContainerAsync(args[0], false, context.Cancellation);
        var tty = inspect.RootElement.TryGetProperty("Config", out var config)
            && config.TryGetProperty("Tty", out var t) && t.ValueKind == JsonValueKind.True;
        var now = DateTimeOffset.Now;
        string? since;
        string? until;
        try
        {
            since = _since.Value.Length > 0 ? TimeArgument.ToApiTimestamp(_since.Value, now) : null;
            until = _until.Value.Length > 0 ? TimeArgument.ToApiTimestamp(_until.Value, now) : null;
        }
        catch (FormatException ex)
        {
            throw new CliFailure(ex.Message);
        }

        var options = new LogsOptions(_follow.Value, _tail.Value, _timestamps.Value, since, until, _details.Value);
        await using var stream = await context.Client.LogsAsync(args[0], options, context.Cancellation);
        context.Console.Flush();
        if (tty)
        {
            await stream.CopyToAsync(context.Console.StdoutStream, context.Cancellation);
        }
        else
        {
            await StreamDemultiplexer.CopyAsync(stream, context.Console.StdoutStream, context.Console.StderrStream, context.Cancellation);
        }

        return 0;
    }
}
