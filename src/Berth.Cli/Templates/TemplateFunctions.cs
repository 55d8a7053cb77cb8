using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Berth.Cli.Templates;

/// <summary>
/// Functions available in templates: Go's builtins plus docker's additions
/// (<c>json</c>, <c>split</c>, <c>join</c>, <c>title</c>, <c>lower</c>, <c>upper</c>, <c>pad</c>, <c>truncate</c>).
/// <c>and</c>/<c>or</c> are evaluated eagerly, which only differs from Go on side effects.
/// </summary>
internal static class TemplateFunctions
{
    public static bool Exists(string name) => name is "and" or "or" or "not" or "len" or "index" or "print" or "printf" or "println"
        or "eq" or "ne" or "lt" or "le" or "gt" or "ge" or "json" or "split" or "join" or "title" or "lower" or "upper"
        or "pad" or "truncate" or "slice" or "urlquery" or "html" or "js";

    public static object? Call(string name, IReadOnlyList<object?> args) => name switch
    {
        "and" => args.FirstOrDefault(a => !GoValues.IsTrue(a), args.Count > 0 ? args[^1] : null),
        "or" => args.FirstOrDefault(GoValues.IsTrue, args.Count > 0 ? args[^1] : null),
        "not" => !GoValues.IsTrue(Arg(name, args, 0, 1)),
        "len" => Length(Arg(name, args, 0, 1)),
        "index" => Index(args),
        "print" => string.Concat(args.Select(GoValues.Print)),
        "println" => string.Join(' ', args.Select(GoValues.Print)) + "\n",
        "printf" => GoPrintf.Format(GoValues.AsString(Arg(name, args, 0, -1)), args.Skip(1).ToList()),
        "eq" => args.Skip(1).Any(a => Compare(name, args[0], a) == 0),
        "ne" => Compare(name, Arg(name, args, 0, 2), args[1]) != 0,
        "lt" => Compare(name, Arg(name, args, 0, 2), args[1]) < 0,
        "le" => Compare(name, Arg(name, args, 0, 2), args[1]) <= 0,
        "gt" => Compare(name, Arg(name, args, 0, 2), args[1]) > 0,
        "ge" => Compare(name, Arg(name, args, 0, 2), args[1]) >= 0,
        "json" => GoJson.Serialize(Arg(name, args, 0, 1)),
        "split" => Split(GoValues.AsString(Arg(name, args, 0, 2)), GoValues.AsString(args[1])),
        "join" => string.Join(GoValues.AsString(Arg(name, args, 1, 2)), (GoValues.AsList(args[0]) ?? []).Select(GoValues.AsString)),
        "title" => Title(GoValues.AsString(Arg(name, args, 0, 1))),
        "lower" => GoValues.AsString(Arg(name, args, 0, 1)).ToLowerInvariant(),
        "upper" => GoValues.AsString(Arg(name, args, 0, 1)).ToUpperInvariant(),
        "pad" => Pad(GoValues.AsString(Arg(name, args, 0, 3)), ToInt(args[1]), ToInt(args[2])),
        "truncate" => Truncate(GoValues.AsString(Arg(name, args, 0, 2)), ToInt(args[1])),
        "urlquery" => Uri.EscapeDataString(string.Concat(args.Select(GoValues.Print))),
        "html" or "js" => string.Concat(args.Select(GoValues.Print)),
        _ => throw new TemplateException($"template: :1: function \"{name}\" not defined"),
    };

    private static object? Arg(string name, IReadOnlyList<object?> args, int index, int expected)
    {
        if (index >= args.Count || (expected >= 0 && args.Count != expected))
        {
            throw new TemplateException($"wrong number of args for {name}: want {Math.Max(expected, 1)} got {args.Count}");
        }

        return args[index];
    }

    private static long Length(object? value) => value switch
    {
        string s => Encoding.UTF8.GetByteCount(s),
        JsonElement { ValueKind: JsonValueKind.Array } e => e.GetArrayLength(),
        JsonElement { ValueKind: JsonValueKind.Object } e => e.EnumerateObject().Count(),
        JsonElement { ValueKind: JsonValueKind.String } e => Encoding.UTF8.GetByteCount(e.GetString()!),
        ICollection c => c.Count,
        _ => throw new TemplateException($"error calling len: len of type {value?.GetType().Name ?? "nil"}"),
    };

    private static object? Index(IReadOnlyList<object?> args)
    {
        var current = Arg("index", args, 0, -1);
        foreach (var key in args.Skip(1))
        {
            var normalizedKey = GoValues.Normalize(key);
            current = (current, normalizedKey) switch
            {
                (JsonElement { ValueKind: JsonValueKind.Object } e, string k) => e.TryGetProperty(k, out var v) ? v : NoValue.Instance,
                (JsonElement { ValueKind: JsonValueKind.Array } e, long i) when i >= 0 && i < e.GetArrayLength() => e[(int)i],
                (IDictionary d, string k) => d.Contains(k) ? d[k] : NoValue.Instance,
                (IList l, long i) when i >= 0 && i < l.Count => l[(int)i],
                (TemplateObject o, string k) => o.TryGet(k, out var v) ? v : NoValue.Instance,
                (JsonElement { ValueKind: JsonValueKind.Null } or null or NoValue, _) => NoValue.Instance,
                (_, long i) => throw new TemplateException($"error calling index: index out of range: {i}"),
                _ => throw new TemplateException($"error calling index: cannot index {GoValues.Print(current)} with {GoValues.Print(key)}"),
            };
        }

        return current;
    }

    private static int Compare(string name, object? left, object? right)
    {
        var a = GoValues.Normalize(left);
        var b = GoValues.Normalize(right);
        return (a, b) switch
        {
            (long x, long y) => x.CompareTo(y),
            (long or double, long or double) => Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture)),
            (string x, string y) => string.CompareOrdinal(x, y),
            (bool x, bool y) when name is "eq" or "ne" => x == y ? 0 : 1,
            (null or NoValue, null or NoValue) when name is "eq" or "ne" => 0,
            (null or NoValue, _) or (_, null or NoValue) when name is "eq" or "ne" => 1,
            _ => throw new TemplateException($"error calling {name}: incompatible types for comparison"),
        };
    }

    private static string Title(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 0 || !char.IsLetterOrDigit(chars[i - 1]) && chars[i - 1] != '_' && chars[i - 1] != '\'')
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }
        }

        return new string(chars);
    }

    /// <summary>strings.Split: an empty separator splits into characters.</summary>
    private static List<object?> Split(string text, string separator)
        => separator.Length == 0
            ? text.EnumerateRunes().Select(r => (object?)r.ToString()).ToList()
            : text.Split(separator).Cast<object?>().ToList();

    private static string Pad(string text, int prefix, int suffix)
        => text.Length == 0 ? text : new string(' ', prefix) + text + new string(' ', suffix);

    private static string Truncate(string text, int length) => text.Length < length ? text : text[..length];

    private static int ToInt(object? value) => GoValues.Normalize(value) switch
    {
        long l => (int)l,
        double d => (int)d,
        var other => throw new TemplateException($"expected integer; found {GoValues.Print(other)}"),
    };
}
