using System.Text;

namespace Berth.Cli.Flags;

/// <summary>
/// Renders the "Options:" block of help exactly as pflag's <c>FlagUsagesWrapped</c> does:
/// names padded to one column, usage wrapped to the terminal width (79 when not a terminal).
/// </summary>
internal static class FlagUsages
{
    public static string Render(IEnumerable<Flag> flags, int columns)
    {
        var lines = new List<(string Left, string Usage)>();
        var maxLength = 0;
        foreach (var flag in flags.Where(f => !f.Hidden).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var left = flag.Shorthand is { } s ? $"  -{s}, --{flag.Name}" : $"      --{flag.Name}";
            if (flag.TypeName.Length > 0)
            {
                left += " " + flag.TypeName;
            }

            // pflag measures the name column including a placeholder character.
            maxLength = Math.Max(maxLength, left.Length + 1);
            var usage = flag.Usage + (flag.DefaultText is { } d ? $" (default {d})" : string.Empty);
            lines.Add((left, usage));
        }

        var builder = new StringBuilder();
        foreach (var (left, usage) in lines)
        {
            builder.Append(left).Append(' ').Append(' ', maxLength - left.Length).Append(' ')
                .Append(Wrap(maxLength + 2, columns, usage)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>pflag's <c>wrap</c>: wraps <paramref name="text"/> at <paramref name="width"/>, indenting continuation lines by <paramref name="indent"/>.</summary>
    public static string Wrap(int indent, int width, string text)
    {
        var prefix = string.Empty;
        var available = width - indent;
        if (available < 24)
        {
            indent = 16;
            available = width - indent;
            prefix = "\n" + new string(' ', indent);
        }

        var pad = "\n" + new string(' ', indent);
        if (available < 24)
        {
            return text.Replace("\n", prefix, StringComparison.Ordinal);
        }

        const int Slop = 5;
        available -= Slop;
        var (line, rest) = WrapOnce(available, Slop, text);
        var result = new StringBuilder(prefix).Append(line.Replace("\n", pad, StringComparison.Ordinal));
        while (rest.Length > 0)
        {
            (line, rest) = WrapOnce(available, Slop, rest);
            result.Append(pad).Append(line.Replace("\n", pad, StringComparison.Ordinal));
        }

        return result.ToString();
    }

    private static (string Line, string Remainder) WrapOnce(int width, int slop, string text)
    {
        if (width + slop > text.Length)
        {
            return (text, string.Empty);
        }

        var head = text[..width];
        var space = head.LastIndexOfAny([' ', '\t', '\n']);
        if (space <= 0)
        {
            return (text, string.Empty);
        }

        var newline = head.LastIndexOf('\n');
        if (newline > 0 && newline < space)
        {
            return (text[..newline], text[(newline + 1)..]);
        }

        return (text[..space], text[(space + 1)..]);
    }
}
