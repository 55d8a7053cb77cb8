using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Berth.Cli.Templates;

/// <summary>
/// Go semantics for template values (JsonElement, TemplateObject, string, long, double, bool,
/// lists, maps): how <c>fmt</c> prints them, which are "true" in <c>if</c>, and conversions.
/// </summary>
internal static class GoValues
{
    public static string Print(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("<nil>");
                break;
            case string s:
                builder.Append(s);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case long or int:
                builder.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                builder.Append(FormatFloat(d));
                break;
            case JsonElement element:
                AppendJson(builder, element);
                break;
            case TemplateObject obj:
                builder.Append('{');
                builder.AppendJoin(' ', obj.Fields.Where(f => f.Value is not TemplateMethod).Select(f => Print(f.Value)));
                builder.Append('}');
                break;
            case IDictionary dictionary:
                builder.Append("map[");
                builder.AppendJoin(' ', dictionary.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal)
                    .Select(k => k + ":" + Print(dictionary[k])));
                builder.Append(']');
                break;
            case IEnumerable list:
                builder.Append('[');
                builder.AppendJoin(' ', list.Cast<object?>().Select(Print));
                builder.Append(']');
                break;
            default:
                builder.Append(value);
                break;
        }
    }

    /// <summary>Go's truth: false, 0, nil and empty strings, lists and maps are false.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null or NoValue => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        string s => s.Length > 0,
        JsonElement e => e.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => false,
            JsonValueKind.String => e.GetString()!.Length > 0,
            JsonValueKind.Number => e.GetDouble() != 0,
            JsonValueKind.Array => e.GetArrayLength() > 0,
            JsonValueKind.Object => e.EnumerateObject().Any(),
            _ => true,
        },
        ICollection c => c.Count > 0,
        _ => true,
    };

    /// <summary>Unwraps JSON scalars to string/long/double/bool/null so functions can compare them.</summary>
    public static object? Normalize(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Number } e => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        int i => (long)i,
        _ => value,
    };

    public static string AsString(object? value) => Normalize(value) is string s ? s : Print(value);

    public static IReadOnlyList<object?>? AsList(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(x => (object?)x).ToList(),
        string => null,
        IDictionary => null,
        IEnumerable list => list.Cast<object?>().ToList(),
        _ => null,
    };

    /// <summary>fmt's %v for float64: shortest representation, exponent form below 1e-4 or from 1e21.</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        if (double.IsNaN(value))
        {
            return "NaN";
        }

        var magnitude = Math.Abs(value);
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        if (magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e21))
        {
            return GoExponent(shortest.Contains('E') ? shortest : value.ToString("0.################E+00", CultureInfo.InvariantCulture));
        }

        return shortest.Contains('E')
            ? decimal.Parse(shortest, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : shortest;
    }

    /// <summary>Rewrites .NET's "1.5E+021" as Go's "1.5e+21" (at least two exponent digits).</summary>
    public static string GoExponent(string text)
    {
        var e = text.IndexOfAny(['E', 'e']);
        if (e < 0)
        {
            return text;
        }

        var mantissa = text[..e];
        if (mantissa.Contains('.'))
        {
            mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        }

        var exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
    }

    private static void AppendJson(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                builder.Append(element.GetString());
                break;
            case JsonValueKind.Number:
                builder.Append(element.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture) : FormatFloat(element.GetDouble()));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Object:
                builder.Append("map[");
                builder.AppendJoin(' ', element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + ":" + Print(p.Value)));
                builder.Append(']');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                builder.AppendJoin(' ', element.EnumerateArray().Select(e => Print(e)));
                builder.Append(']');
                break;
            default:
                builder.Append("<nil>");
                break;
        }
    }
}
