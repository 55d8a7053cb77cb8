using System.Text.Json.Nodes;

namespace Berth.IntegrationTests.Fuzz;

/// <summary>
/// Random and boundary values for the fuzzer, drawn from a swagger schema: the type's edges
/// (0, -1, 2^31, 2^63, past 64 bits, fractions), strings clients get wrong (empty, 300
/// characters, upper case references, paths that climb, NUL, non-ASCII), empty and null
/// collections, and now and then a value of the wrong type or null. Deterministic for a seed.
/// </summary>
public sealed class FuzzValues(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly JsonNode[] s_integers =
    [
        0, 1, -1, -5, 6, 255, 256, 1023, 65535, 65536, int.MaxValue, int.MinValue, (long)uint.MaxValue + 1,
        long.MaxValue, long.MinValue, 9007199254740993, JsonValue.Create(12345678901234567890123456789m), JsonValue.Create(1.5m), JsonValue.Create(-0.5m),
    ];

    private static readonly string[] s_strings =
    [
        "", "a", " ", "abc", "UPPER:case", "-1", "0", "1", "99999999999999999999", new string('a', 300), "../../etc/passwd", "/",
        "/tmp", "x=y", "a:b:c", "a\u0000b", "é漢字", "%s%n", "${HOME}", "1.2.3.4", "300.1.1.1/99", "::1", "10.0.0.0/8", "fe80::1%eth0",
        "sha256:zz", "busybox", "busybox:latest", "host", "none", "bridge", "container:nosuch", "default", "always", "on-failure:x",
        "seccomp=unconfined", "apparmor=x", "label=disable", "no-new-privileges", "1g", "10m", "-1m", "json-file", "nosuchdriver",
        "nofile=1:2", "tcp", "udp", "80/tcp", "65536/tcp", "0.0.0.0", "rw", "ro,z", "rprivate", "SIGKILL", "SIGNOPE", "99", "root", "0:0",
    ];

    private static readonly string[] s_filterNames =
    [
        "status", "label", "name", "id", "ancestor", "before", "since", "until", "dangling", "reference", "driver", "scope", "type",
        "exited", "health", "network", "volume", "publish", "expose", "is-task", "event", "container", "image", "bogus",
    ];

    public int Next(int max) => _random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public string RandomText()
    {
        int length = _random.Next(0, 24);
        var chars = new char[length];
        for (int i = 0; i < length; i++)
            chars[i] = (char)_random.Next(0x20, 0x7f);
        return new string(chars);
    }

    /// <summary>A value for <paramref name="schema"/>; nested objects down to <paramref name="depth"/> levels.</summary>
    public JsonNode? ForSchema(JsonObject schema, EngineApiSchema api, int depth = 2)
    {
        int roll = _random.Next(100);
        if (roll < 6)
            return null;
        if (roll < 14)
            return WrongType();
        string type = schema["type"] is JsonValue t ? (string?)t ?? "" : "";
        if (schema["enum"] is JsonArray values && _random.Next(3) > 0)
            return values[_random.Next(values.Count)]?.DeepClone();
        switch (type)
        {
            case "integer":
                return _random.Next(4) == 0 ? (JsonNode)_random.NextInt64(-100_000, 100_000) : s_integers[_random.Next(s_integers.Length)].DeepClone();
            case "number":
                return _random.Next(4) == 0 ? JsonValue.Create(1e308) : s_integers[_random.Next(s_integers.Length)].DeepClone();
            case "boolean":
                return _random.Next(2) == 0;
            case "array":
            {
                var array = new JsonArray();
                int count = _random.Next(4);
                var items = schema["items"] is JsonNode i ? api.Resolve(i) : new JsonObject { ["type"] = "string" };
                for (int n = 0; n < count; n++)
                    array.Add(depth > 0 ? ForSchema(items, api, depth - 1) : JsonValue.Create(Pick(s_strings)));
                return array;
            }
            case "object" or "":
                if (schema["properties"] is JsonObject properties && depth > 0)
                {
                    var o = new JsonObject();
                    foreach (var (name, property) in properties)
                        if (_random.Next(4) == 0)
                            o[name] = ForSchema(api.Resolve(property!), api, depth - 1);
                    return o;
                }
                if (schema["additionalProperties"] is JsonNode additional && depth > 0)
                {
                    var map = new JsonObject();
                    var valueSchema = additional is JsonObject ? api.Resolve(additional) : new JsonObject { ["type"] = "string" };
                    for (int n = _random.Next(3); n > 0; n--)
                        map[Pick(s_strings)] = ForSchema(valueSchema, api, depth - 1);
                    return map;
                }
                return type == "object" ? new JsonObject() : WrongType();
            default:
                return _random.Next(4) == 0 ? RandomText() : Pick(s_strings);
        }
    }

    private JsonNode WrongType() => _random.Next(6) switch
    {
        0 => "abc",
        1 => -1,
        2 => true,
        3 => new JsonArray(),
        4 => new JsonObject(),
        _ => new JsonArray(JsonValue.Create("x"), null),
    };

    /// <summary>A query string value for a parameter of swagger type <paramref name="p"/>.</summary>
    public string ForQuery(QueryParameter p)
    {
        if (p.Enum.Count > 0 && _random.Next(3) == 0)
            return Pick(p.Enum);
        if (p.Name == "filters")
            return Filters();
        return p.Type switch
        {
            "integer" => Pick(["0", "1", "-1", "abc", "", "99999999999999999999", "2147483648", "-2147483649", "1.5", "0x10", " 1", "1e3", _random.Next(-1000, 100000).ToString()]),
            "boolean" => Pick(["0", "1", "true", "false", "TRUE", "yes", "", "2", "abc"]),
            _ => p.Name is "since" or "until"
                ? Pick(["abc", "1", "-1", "1e10", "99999999999999999999", "2020-01-01T00:00:00Z", "0.5", "1.999999999999", "", "10m", "-10m", "9999-12-31T23:59:59Z"])
                : _random.Next(4) == 0 ? RandomText() : Pick(s_strings),
        };
    }

    private string Filters()
    {
        string name = Pick(s_filterNames);
        string value = Pick(s_strings).Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\u0000", "\\u0000");
        return _random.Next(12) switch
        {
            0 => "{}",
            1 => "[1,2]",
            2 => "null",
            3 => "1",
            4 => "{",
            5 => $$$"""{"{{{name}}}":{"{{{value}}}":true}}""",
            6 => $$"""{"{{name}}":[1]}""",
            7 => $$"""{"{{name}}":"{{value}}"}""",
            8 => $$"""{"{{name}}":null}""",
            9 => $$"""{"{{name}}":[null]}""",
            _ => $$"""{"{{name}}":["{{value}}"]}""",
        };
    }
}
