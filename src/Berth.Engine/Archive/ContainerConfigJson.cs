using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Engine.Archive;

/// <summary>
/// An image config's <c>config</c> object as Docker re-marshals it through its Go struct
/// (api/types/container.Config): fields in struct order, missing ones as zero values,
/// <c>omitempty</c> fields dropped when empty. Go matches JSON keys case-insensitively.
/// </summary>
internal static class ContainerConfigJson
{
    private enum Kind { String, Bool, StringList, Set, Map, Health, Int }

    private static readonly (string Name, Kind Kind, bool OmitEmpty)[] s_fields =
    [
        ("Hostname", Kind.String, false), ("Domainname", Kind.String, false), ("User", Kind.String, false),
        ("AttachStdin", Kind.Bool, false), ("AttachStdout", Kind.Bool, false), ("AttachStderr", Kind.Bool, false),
        ("ExposedPorts", Kind.Set, true), ("Tty", Kind.Bool, false), ("OpenStdin", Kind.Bool, false), ("StdinOnce", Kind.Bool, false),
        ("Env", Kind.StringList, false), ("Cmd", Kind.StringList, false), ("Healthcheck", Kind.Health, true),
        ("ArgsEscaped", Kind.Bool, true), ("Image", Kind.String, false), ("Volumes", Kind.Set, false),
        ("WorkingDir", Kind.String, false), ("Entrypoint", Kind.StringList, false), ("NetworkDisabled", Kind.Bool, true),
        ("MacAddress", Kind.String, true), ("OnBuild", Kind.StringList, false), ("Labels", Kind.Map, false),
        ("StopSignal", Kind.String, true), ("StopTimeout", Kind.Int, true), ("Shell", Kind.StringList, true),
    ];

    private static readonly string[] s_healthFields = ["Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"];

    /// <summary>The struct as Go writes it; a missing or null <paramref name="config"/> gives the zero struct.</summary>
    public static JsonObject Convert(JsonElement? config)
    {
        var result = new JsonObject();
        foreach (var (name, kind, omitEmpty) in s_fields)
        {
            JsonElement? value = config is { ValueKind: JsonValueKind.Object } c ? Find(c, name) : null;
            JsonNode? node = kind switch
            {
                Kind.String => value?.ValueKind == JsonValueKind.String ? value.Value.GetString() : "",
                Kind.Bool => value?.ValueKind == JsonValueKind.True,
                Kind.Int => value?.ValueKind == JsonValueKind.Number ? value.Value.GetInt64() : null,
                Kind.StringList => value?.ValueKind switch
                {
                    JsonValueKind.Array => new JsonArray(value.Value.EnumerateArray().Select(e => (JsonNode?)e.GetString()).ToArray()),
                    JsonValueKind.String => new JsonArray(value.Value.GetString()), // strslice accepts one string
                    _ => null,
                },
                Kind.Set => value?.ValueKind == JsonValueKind.Object ? Sorted(value.Value, _ => new JsonObject()) : null,
                Kind.Map => value?.ValueKind == JsonValueKind.Object ? Sorted(value.Value, e => e.GetString()) : null,
                _ => value?.ValueKind == JsonValueKind.Object ? Health(value.Value) : null,
            };
            if (omitEmpty && IsEmpty(node))
                continue;
            result[name] = node;
        }
        return result;
    }

    private static JsonObject Health(JsonElement health)
    {
        var result = new JsonObject();
        foreach (string name in s_healthFields)
        {
            if (Find(health, name) is not { } value)
                continue;
            if (name == "Test" && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
                result[name] = new JsonArray(value.EnumerateArray().Select(e => (JsonNode?)e.GetString()).ToArray());
            else if (name != "Test" && value.ValueKind == JsonValueKind.Number && value.GetInt64() != 0)
                result[name] = value.GetInt64();
        }
        return result;
    }

    private static JsonObject Sorted(JsonElement obj, Func<JsonElement, JsonNode?> value)
    {
        var result = new JsonObject();
        foreach (var p in obj.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            result[p.Name] = value(p.Value);
        return result;
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        JsonValue v when v.TryGetValue(out string? s) => s.Length == 0,
        JsonValue v when v.TryGetValue(out bool b) => !b,
        _ => false,
    };

    /// <summary>Go's rule: an exact key match wins, else the first case-insensitive one.</summary>
    internal static JsonElement? Find(JsonElement obj, string name)
    {
        if (obj.TryGetProperty(name, out var exact))
            return exact.ValueKind == JsonValueKind.Null ? null : exact;
        foreach (var p in obj.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                return p.Value.ValueKind == JsonValueKind.Null ? null : p.Value;
        return null;
    }
}
