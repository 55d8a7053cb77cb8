using System.Text;
using System.Text.Json.Nodes;
using Berth.Core.Json;

namespace Berth.Engine.Archive;

/// <summary>
/// JSON as Go's encoding/json writes it, for files that must match Docker's byte for byte:
/// compact, objects in the order given (build Go maps with sorted keys), strings escaped as
/// <c>json.Marshal</c> does (<see cref="GoJsonString"/>, HTML escaping on), integers only.
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

    public static string Quote(string text) => GoJsonString.Quote(text);

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

    private static void WriteString(StringBuilder b, string s) => GoJsonString.Append(b, s);
}
