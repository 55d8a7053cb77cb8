using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>
/// Typed fields of a request body read by hand (exec, network and volume bodies): absent or
/// null is "not given", a value of the wrong type is the client's 400 worded as Go's decoder
/// words it in dockerd, never an exception of our own.
/// </summary>
internal static class JsonFields
{
    /// <summary>A string field; null when absent or null.</summary>
    public static string? Text(JsonElement o, string name) => Field(o, name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => throw Mismatch(v, name, "string"),
        null => null,
    };

    public static bool Bool(JsonElement o, string name) => Field(o, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } or null => false,
        { } v => throw Mismatch(v, name, "bool"),
    };

    /// <summary>An array of strings; empty when absent or null.</summary>
    public static List<string> Strings(JsonElement o, string name) => Field(o, name) switch
    {
        { ValueKind: JsonValueKind.Array } v => v.EnumerateArray().Select(x => x.ValueKind switch
        {
            JsonValueKind.String => x.GetString()!,
            JsonValueKind.Null => "",
            _ => throw Mismatch(x, name, "string"),
        }).ToList(),
        { } v => throw Mismatch(v, name, "[]string"),
        null => [],
    };

    /// <summary>An array of 32-bit integers, as ConsoleSize; null when absent or null.</summary>
    public static int[]? Ints(JsonElement o, string name) => Field(o, name) switch
    {
        { ValueKind: JsonValueKind.Array } v => v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number && x.TryGetInt32(out int n) && n >= 0
            ? n : throw Mismatch(x, name, "uint")).ToArray(),
        { } v => throw Mismatch(v, name, "[]uint"),
        null => null,
    };

    /// <summary>A string-to-string object (labels, options); null when absent or null.</summary>
    public static Dictionary<string, string>? Map(JsonElement o, string name) => Field(o, name) switch
    {
        { ValueKind: JsonValueKind.Object } v => v.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
        {
            JsonValueKind.String => p.Value.GetString()!,
            JsonValueKind.Null => "",
            _ => throw Mismatch(p.Value, name, "string"),
        }),
        { } v => throw Mismatch(v, name, "map[string]string"),
        null => null,
    };

    /// <summary>A field of any kind (an object or array to read on), by its name in any case as <see cref="Field"/>; null when absent or null.</summary>
    public static JsonElement? Member(JsonElement o, string name) => Field(o, name);

    /// <summary>
    /// The field by its name in any case, the last one given winning (a null changes nothing), as
    /// Go's decoder matches struct fields: docker-py sends exec's <c>detachKeys</c> so.
    /// </summary>
    private static JsonElement? Field(JsonElement o, string name)
    {
        if (o.ValueKind != JsonValueKind.Object)
            return null;
        JsonElement? found = null;
        foreach (var p in o.EnumerateObject())
            if (p.Value.ValueKind != JsonValueKind.Null && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                found = p.Value;
        return found;
    }

    private static BerthException Mismatch(JsonElement value, string field, string goType) =>
        BerthException.Invalid($"json: cannot unmarshal {GoKind(value)} into Go struct field .{field} of type {goType}");

    /// <summary>The JSON kind as Go's decoder names it in its errors.</summary>
    public static string GoKind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };
}
