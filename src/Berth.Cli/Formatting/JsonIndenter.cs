using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>
/// Go's <c>json.Indent(dst, src, "", "    ")</c>, used by <c>inspect</c>: re-indents the daemon's
/// bytes without re-encoding strings, keeps empty <c>[]</c>/<c>{}</c> compact.
/// </summary>
internal static class JsonIndenter
{
    public static string Indent(string json, string indent = "    ")
    {
        var output = new StringBuilder(json.Length * 2);
        var depth = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                output.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    output.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n':
                    break;
                case '"':
                    inString = true;
                    output.Append(c);
                    break;
                case '{' or '[':
                    output.Append(c);
                    var next = NextSignificant(json, i + 1);
                    if (next < json.Length && json[next] == (c == '{' ? '}' : ']'))
                    {
                        output.Append(json[next]);
                        i = next;
                        break;
                    }

                    depth++;
                    NewLine(output, depth, indent);
                    break;
                case '}' or ']':
                    depth--;
                    NewLine(output, depth, indent);
                    output.Append(c);
                    break;
                case ',':
                    output.Append(c);
                    NewLine(output, depth, indent);
                    break;
                case ':':
                    output.Append(": ");
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }

        return output.ToString();
    }

    private static int NextSignificant(string json, int index)
    {
        while (index < json.Length && json[index] is ' ' or '\t' or '\r' or '\n')
        {
            index++;
        }

        return index;
    }

    private static void NewLine(StringBuilder output, int depth, string indent)
    {
        output.Append('\n');
        for (var i = 0; i < depth; i++)
        {
            output.Append(indent);
        }
    }
}
