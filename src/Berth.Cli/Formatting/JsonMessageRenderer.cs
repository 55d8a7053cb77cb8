using System.Text.Json;
using Berth.Cli.Commands;
using Berth.Client.Streams;

namespace Berth.Cli.Formatting;

/// <summary>
/// docker's <c>jsonmessage.DisplayJSONMessagesStream</c>: prints status lines ("ID: status"),
/// <c>stream</c> text, and on a terminal redraws per-layer progress bars in place. An
/// <c>error</c> message ends the stream as a failure.
/// </summary>
internal sealed class JsonMessageRenderer(TextWriter output, bool isTerminal)
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    /// <summary>Called with each <c>aux</c> message (a build's image ID), which is never printed.</summary>
    public Action<JsonElement>? OnAux { get; init; }

    public async Task RenderAsync(Stream source, CancellationToken cancellationToken)
    {
        await foreach (var document in JsonMessageReader.ReadAllAsync(source, cancellationToken))
        {
            using (document)
            {
                Render(document.RootElement);
            }
        }

        await output.FlushAsync(cancellationToken);
    }

    private void Render(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (message.TryGetProperty("aux", out var aux))
        {
            OnAux?.Invoke(aux);
            return;
        }

        if (Text(message, "error") is { Length: > 0 } error)
        {
            // docker exits with the failing command's code (errorDetail.code), 1 if none.
            var code = message.TryGetProperty("errorDetail", out var errorDetail) && errorDetail.ValueKind == JsonValueKind.Object
                && errorDetail.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) && n != 0 ? n : 1;
            throw new CliFailure(error, code);
        }

        var id = Text(message, "id");
        var progress = message.TryGetProperty("progressDetail", out var detail) ? ProgressBar(detail) : string.Empty;
        var hasProgress = progress.Length > 0 || Text(message, "progress").Length > 0;
        var diff = 0;
        if (id.Length > 0 && hasProgress)
        {
            if (!_lines.TryGetValue(id, out var line))
            {
                line = _lines.Count;
                _lines[id] = line;
                if (isTerminal)
                {
                    output.Write('\n');
                }
            }

            diff = _lines.Count - line;
            if (isTerminal)
            {
                output.Write($"\u001b[{diff}A");
            }
        }
        else
        {
            _lines.Clear();
        }

        Display(message, id, progress);
        if (id.Length > 0 && isTerminal && diff > 0)
        {
            output.Write($"\u001b[{diff}B");
        }
    }

    private void Display(JsonElement message, string id, string progress)
    {
        var stream = Text(message, "stream");
        var endOfLine = string.Empty;
        if (isTerminal && stream.Length == 0 && progress.Length > 0)
        {
            output.Write("\u001b[2K\r");
            endOfLine = "\r";
        }
        else if (progress.Length > 0)
        {
            // Progress bars are not shown when the output is not a terminal.
            return;
        }

        if (id.Length > 0)
        {
            output.Write(id + ": ");
        }

        var status = Text(message, "status");
        if (progress.Length > 0 && isTerminal)
        {
            output.Write($"{status} {progress}{endOfLine}");
        }
        else if (stream.Length > 0)
        {
            output.Write(stream + endOfLine);
        }
        else
        {
            output.Write(status + endOfLine + "\n");
        }
    }

    /// <summary>docker's progress string: "[=====>    ]  1.2MB/4.5MB" (the bar only on wide terminals).</summary>
    internal static string ProgressBar(JsonElement detail)
    {
        long Get(string name) => detail.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        var current = Get("current");
        var total = Get("total");
        if (current <= 0 && total <= 0)
        {
            return string.Empty;
        }

        if (total <= 0)
        {
            return Units.HumanSize(current).PadLeft(8);
        }

        var percentage = Math.Min(50, (int)(current * 100.0 / total) / 2);
        var bar = "[" + new string('=', percentage) + ">" + new string(' ', Math.Max(0, 50 - percentage)) + "] ";
        var numbers = current > total ? Units.HumanSize(current).PadLeft(8) : Units.HumanSize(current).PadLeft(8) + "/" + Units.HumanSize(total);
        return bar + numbers;
    }

    private static string Text(JsonElement message, string name)
        => message.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Object when value.TryGetProperty("message", out var m) => m.GetString() ?? string.Empty,
            _ => string.Empty,
        } : string.Empty;
}
