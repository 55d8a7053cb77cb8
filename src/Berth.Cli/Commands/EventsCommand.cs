using System.Text;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;
using Berth.Client;
using Berth.Client.Streams;

namespace Berth.Cli.Commands;

/// <summary>
/// <c>berth events</c> / <c>system events</c>: the daemon's event stream, one line per event,
/// until the daemon ends it (<c>--until</c> passed) or Ctrl-C. A template is tried on an empty
/// message first, so a bad one fails with docker's status 64 before anything is asked.
/// </summary>
internal sealed class EventsCommand : Command
{
    private ListFlag _filter = null!;
    private StringFlag _format = null!;
    private StringFlag _since = null!;
    private StringFlag _until = null!;

    public override string Name => "events";

    public override string Usage => "[OPTIONS]";

    public override string Description => "Get real time events from the server";

    public override IReadOnlyList<string> Aliases => ["system events", "events"];

    public override void DefineFlags(FlagSet flags)
    {
        _filter = flags.Add(new ListFlag("filter", 'f', "Filter output based on conditions provided", "filter", FormatUsage.ValidateFilter));
        _format = flags.String("format", null, FormatUsage.Inspect);
        _since = flags.String("since", null, "Show all events created since timestamp");
        _until = flags.String("until", null, "Stream events until this timestamp");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var template = ParseTemplate(_format.Value);
        var filters = new FilterArgs();
        foreach (var filter in _filter.Values)
        {
            filters.AddArgument(filter);
        }

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

        await using var stream = await context.Client.EventsAsync(since, until, filters, context.Cancellation);
        var line = new StringBuilder();
        await foreach (var document in JsonMessageReader.ReadAllAsync(stream, context.Cancellation))
        {
            using (document)
            {
                if (template is null)
                {
                    context.Console.Out.Write(EventRows.Line(document.RootElement));
                }
                else
                {
                    line.Clear();
                    try
                    {
                        template.Execute(EventRows.Create(document.RootElement), line);
                    }
                    catch (TemplateException ex)
                    {
                        throw new CliFailure(ex.Message);
                    }

                    context.Console.Out.Write(line.Append('\n').ToString());
                }
            }

            context.Console.Flush();
        }

        return 0;
    }

    private static GoTemplate? ParseTemplate(string format)
    {
        if (format.Length == 0)
        {
            return null;
        }

        try
        {
            var template = GoTemplate.Parse(format == "json" ? "{{json .}}" : format);
            template.Execute(EventRows.Create(default));
            return template;
        }
        catch (TemplateException ex)
        {
            throw new CliFailure("Error parsing format: " + ex.Message, 64);
        }
    }
}
