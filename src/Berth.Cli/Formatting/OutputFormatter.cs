using System.Text;
using Berth.Cli.Commands;
using Berth.Cli.Templates;

namespace Berth.Cli.Formatting;

/// <summary>
/// docker's list formatting: <c>--format</c> is "table", "table TEMPLATE", "json" or a raw
/// template; literal <c>\t</c>/<c>\n</c> are unescaped; each row is rendered and followed by a
/// newline; tables get a header row (the template run over the column titles) and go through
/// a tabwriter with minwidth 10 and padding 3.
/// </summary>
internal sealed class OutputFormatter
{
    private readonly GoTemplate _template;

    private OutputFormatter(GoTemplate template, bool isTable)
    {
        _template = template;
        IsTable = isTable;
    }

    public bool IsTable { get; }

    /// <summary>
    /// Parses the format; a syntax error becomes a failure with <paramref name="errorPrefix"/>
    /// ("failed to parse template: " for ps, "template parsing error: " where docker's formatter.Context parses).
    /// </summary>
    public static OutputFormatter Create(string format, string defaultTable, string errorPrefix = "failed to parse template: ")
    {
        if (format is "" or "table")
        {
            format = defaultTable;
        }

        var isTable = format.StartsWith("table", StringComparison.Ordinal);
        var text = format switch
        {
            "json" => "{{json .}}",
            _ when isTable => format["table".Length..],
            _ => format,
        };
        text = text.Trim(' ').Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        try
        {
            return new OutputFormatter(GoTemplate.Parse(text), isTable);
        }
        catch (TemplateException ex)
        {
            throw new CliFailure(errorPrefix + ex.Message);
        }
    }

    /// <summary>Whether the format mentions a field, e.g. to ask the daemon for sizes only when shown.</summary>
    public static bool Mentions(string format, string field) => format.Contains("." + field, StringComparison.Ordinal);

    /// <summary>Renders rows; <paramref name="errorPrefix"/> is how this command reports execution errors (docker varies it).</summary>
    public string Render(IEnumerable<object> rows, TemplateObject header, string errorPrefix = "failed to execute template: ")
    {
        var body = new StringBuilder();
        try
        {
            foreach (var row in rows)
            {
                _template.Execute(row, body);
                body.Append('\n');
            }
        }
        catch (TemplateException ex)
        {
            throw new CliFailure(errorPrefix + ex.Message);
        }

        if (!IsTable)
        {
            return body.ToString();
        }

        var table = new StringBuilder();
        _template.Execute(header, table, new TemplateOptions(HeaderMode: true));
        table.Append('\n').Append(body);
        return new TabWriter(minWidth: 10, padding: 3).Format(table.ToString());
    }
}
