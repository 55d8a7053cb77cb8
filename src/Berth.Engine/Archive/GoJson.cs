using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Engine.Archive;

/// <summary>
/// JSON as Go's encoding/json writes it, for files that must match Docker's byte for byte:
/// compact, objects in the order given (build Go maps with sorted keys), strings escaped as
/// Go does (<c>&lt; &gt; &amp;</c> and U+2028/9 as lowercase <c>\u</c> escapes, other
/// non-ASCII left as UTF-8), integers only.
/// </summary>
internal static class GoJson
{
    public static byte[] Serialize(JsonNode? node, bool newline = false)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        if (newline)
            builder.Append('\n'); // json.Encoder.Encode ends each value with one
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        WriteString(builder, text);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, JsonNode? node)
    {
        switch (node)
        {
            case null:
                b.Append("null");
                break;
            case JsonObject obj:
                b.Append('{');
                bool first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first) b.Append(',');
                    first = false;
                    WriteString(b, key);
                    b.Append(':');
                    Write(b, value);
                }
                b.Append('}');
                break;
            case JsonArray array:
                b.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0) b.Append(',');
                    Write(b, array[i]);
                }
                b.Append(']');
                break;
            case JsonValue value when value.TryGetValue(out string? s):
                WriteString(b, s);
                break;
            case JsonValue value when value.TryGetValue(out bool flag):
                b.Append(flag ? "true" : "false");
                break;
            case JsonValue value:
                b.Append(value.ToJsonString()); // integers only: the same digits in Go
                break;
        }
    }

    private static void WriteString(StringBuilder b, string s)
    {
        b.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case '\b': b.Append("\\b"); break;
                case '\f': b.Append("\\f"); break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: b.Append(c); break;
            }
        }
        b.Append('"');
    }
}
