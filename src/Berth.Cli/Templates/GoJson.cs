using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Berth.Core.Json;

namespace Berth.Cli.Templates;

/// <summary>
/// The template <c>json</c> function: Go's encoder with HTML escaping off, so <c>&lt;</c>,
/// <c>&gt;</c> and <c>&amp;</c> stay literal while quotes, backslashes, control characters and
/// U+2028/U+2029 are escaped (<see cref="GoJsonString"/>). Maps and template objects are written with sorted keys.
/// </summary>
internal static class GoJson
{
    public static string Serialize(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value, escapeHtml: false);
        return builder.ToString();
    }

    /// <summary>
    /// <paramref name="escapeHtml"/> is on inside template objects: docker marshals those with
    /// <c>json.Marshal</c> in their MarshalJSON, which escapes &lt; &gt; &amp;.
    /// </summary>
    private static void Write(StringBuilder builder, object? value, bool escapeHtml)
    {
        switch (value)
        {
            case null or NoValue:
                builder.Append("null");
                break;
            case string s:
                WriteString(builder, s, escapeHtml);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case long or int:
                builder.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                builder.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonElement element:
                WriteElement(builder, element, escapeHtml);
                break;
            case TemplateObject { Json: { } json }:
                WriteElement(builder, json, escapeHtml);
                break;
            case TemplateObject obj:
                WriteObject(builder, obj.JsonFields, escapeHtml: true);
                break;
            case IDictionary dictionary:
                WriteObject(builder, dictionary.Keys.Cast<object>().Select(k => new KeyValuePair<string, object?>(k.ToString()!, dictionary[k]))
                    .OrderBy(p => p.Key, StringComparer.Ordinal), escapeHtml);
                break;
            case IEnumerable list:
                builder.Append('[');
                var first = true;
                foreach (var item in list)
                {
                    builder.Append(first ? string.Empty : ",");
                    first = false;
                    Write(builder, item, escapeHtml);
                }

                builder.Append(']');
                break;
            default:
                WriteString(builder, value.ToString() ?? string.Empty, escapeHtml);
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, IEnumerable<KeyValuePair<string, object?>> fields, bool escapeHtml)
    {
        builder.Append('{');
        var first = true;
        foreach (var (name, value) in fields)
        {
            builder.Append(first ? string.Empty : ",");
            first = false;
            WriteString(builder, name, escapeHtml);
            builder.Append(':');
            Write(builder, value, escapeHtml);
        }

        builder.Append('}');
    }

    private static void WriteElement(StringBuilder builder, JsonElement element, bool escapeHtml)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                WriteString(builder, element.GetString()!, escapeHtml);
                break;
            case JsonValueKind.Object:
                WriteObject(builder, element.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)), escapeHtml);
                break;
            case JsonValueKind.Array:
                Write(builder, element.EnumerateArray().Select(e => (object?)e).ToList(), escapeHtml);
                break;
            default:
                builder.Append(element.GetRawText());
                break;
        }
    }

    private static void WriteString(StringBuilder builder, string text, bool escapeHtml) => GoJsonString.Append(builder, text, escapeHtml);
}
