using System.Net;
using System.Text;
using System.Text.Json;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary>
/// The common part of every <c>inspect</c>: fetch each object, print the found ones as an
/// indented JSON array (or through <c>--format</c>), then report the failures and exit 1.
/// </summary>
internal static class InspectPrinter
{
    public delegate Task<JsonDocument> Fetch(string reference, CancellationToken cancellationToken);

    public static async Task<int> RunAsync(CommandContext context, IReadOnlyList<string> references, string format, Fetch fetch)
    {
        GoTemplate? template = null;
        if (format.Length > 0 && format != "json")
        {
            try
            {
                template = GoTemplate.Parse(format.Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal));
            }
            catch (TemplateException ex)
            {
                throw new CliFailure("template parsing error: " + ex.Message, 64);
            }
        }

        var documents = new List<JsonDocument>();
        var errors = new List<string>();
        foreach (var reference in references)
        {
            try
            {
                documents.Add(await fetch(reference, context.Cancellation));
            }
            catch (EngineApiException ex)
            {
                errors.Add(ex.StatusCode == HttpStatusCode.NotFound && ex.Message.StartsWith("Error: ", StringComparison.Ordinal)
                    ? ex.Message
                    : "Error response from daemon: " + ex.Message);
            }
        }

        try
        {
            var output = new StringBuilder();
            if (template is not null)
            {
                foreach (var document in documents)
                {
                    template.Execute(document.RootElement, output, new TemplateOptions(MissingKeyIsError: true));
                    output.Append('\n');
                }
            }
            else if (format == "json")
            {
                output.Append(GoJson.Serialize(documents.Select(d => (object?)d.RootElement).ToList())).Append('\n');
            }
            else
            {
                output.Append(JsonIndenter.Indent("[" + string.Join(',', documents.Select(d => d.RootElement.GetRawText())) + "]")).Append('\n');
            }

            context.Console.Out.Write(output.ToString());
        }
        catch (TemplateException ex)
        {
            // docker ends the partial output with a newline before reporting.
            context.Console.Out.Write("\n");
            throw new CliFailure("template parsing error: " + ex.Message);
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }

        if (errors.Count == 0)
        {
            return 0;
        }

        context.Console.Flush();
        throw new CliFailure(string.Join('\n', errors));
    }
}
