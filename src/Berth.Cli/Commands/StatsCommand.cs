using System.Text;
using Berth.Cli.Containers;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary>
/// <c>berth stats</c> / <c>container stats</c>, as docker's RunStats: collect until every
/// container has a first sample, then every 500 ms render the table; streaming, each frame
/// homes the cursor and is written twice, the second time with every line erased to its end
/// and the screen cleared below, exactly as docker writes it.
/// </summary>
internal sealed class StatsCommand : Command
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(500);

    private BoolFlag _all = null!;
    private StringFlag _format = null!;
    private BoolFlag _noStream = null!;
    private BoolFlag _noTrunc = null!;

    public override string Name => "stats";

    public override string Usage => "[OPTIONS] [CONTAINER...]";

    public override string Description => "Display a live stream of container(s) resource usage statistics";

    public override IReadOnlyList<string> Aliases => ["container stats", "stats"];

    public override ArgumentRule Arguments => ArgumentRule.Any;

    public override void DefineFlags(FlagSet flags)
    {
        _all = flags.Bool("all", 'a', "Show all containers (default shows just running)");
        _format = flags.String("format", null, FormatUsage.Table);
        _noStream = flags.Bool("no-stream", null, "Disable streaming stats and only pull the first result");
        _noTrunc = flags.Bool("no-trunc", null, "Do not truncate output");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var streaming = !_noStream.Value;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        var collector = new StatsCollector(context.Client, streaming, stop.Token);
        try
        {
            if (args.Count == 0)
            {
                await CollectAllAsync(context, collector);
            }
            else
            {
                foreach (var container in args)
                {
                    collector.Add(container);
                }

                await collector.WaitForFirstSamplesAsync();
                var errors = collector.Containers().Select(c => c.Error).OfType<string>().ToList();
                if (errors.Count > 0)
                {
                    throw new CliFailure(string.Join('\n', errors));
                }
            }

            return await RenderAsync(context, collector, streaming);
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>Subscribes to container events first, so no container is missed between the list and the stream.</summary>
    private async Task CollectAllAsync(CommandContext context, StatsCollector collector)
    {
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = collector.WatchEventsAsync(_all.Value, subscribed);
        await subscribed.Task;
        using var list = await context.Client.ListContainersAsync(new ContainerListOptions(All: _all.Value), context.Cancellation);
        foreach (var container in list.RootElement.EnumerateArray())
        {
            collector.Add(TextUtil.TruncateId(ContainerRows.Str(container, "Id")));
        }

        await collector.WaitForFirstSamplesAsync();
    }

    private async Task<int> RenderAsync(CommandContext context, StatsCollector collector, bool streaming)
    {
        const string ParseError = "template parsing error: ";
        var formatter = OutputFormatter.Create(_format.Value, StatsRows.DefaultTable, ParseError);
        using var ticker = new PeriodicTimer(s_interval);
        while (await ticker.WaitForNextTickAsync(context.Cancellation))
        {
            var rows = collector.Containers().Select(c => (object)c.Row(!_noTrunc.Value, streaming));
            var table = formatter.Render(rows, StatsRows.Header(), ParseError);
            context.Console.Out.Write(streaming ? Frame(table) : table);
            context.Console.Flush();
            if (!streaming)
            {
                return 0;
            }

            switch (collector.EventsFailure)
            {
                case null:
                    break;
                case IOException:
                    // The daemon went away mid-stream (it restarted): docker ends quietly.
                    return 0;
                case EngineApiException api:
                    throw new CliFailure("Error response from daemon: " + api.Message);
                case var failure:
                    throw new CliFailure(failure.Message);
            }
        }

        return 0;
    }

    /// <summary>docker's redraw: "ESC[H" and the table, then each of its lines again followed by " ESC[K", then "ESC[J".</summary>
    internal static string Frame(string table)
    {
        var first = "\u001b[H" + table;
        var frame = new StringBuilder(first);
        foreach (var line in first.Split('\n'))
        {
            frame.Append(line).Append(" \u001b[K\n");
        }

        return frame.Append("\u001b[J").ToString();
    }
}
