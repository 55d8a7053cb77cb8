using System.Text.Json.Nodes;

namespace Berth.IntegrationTests.Fuzz;

/// <summary>
/// Request bodies for the fuzzer: a valid body with one to three fields, anywhere in the
/// schema (<c>HostConfig.RestartPolicy.Name</c>, an item of <c>HostConfig.Mounts</c>), set to
/// a generated value. A valid base gets each odd value past the first checks to the code
/// that uses it; now and then the whole body is malformed instead.
/// </summary>
public sealed class BodyMutator
{
    private readonly EngineApiSchema _api;
    private readonly FuzzValues _values;
    private readonly List<(string[] Path, JsonObject Schema)> _fields = [];

    public BodyMutator(EngineApiSchema api, FuzzValues values, JsonObject schema)
    {
        _api = api;
        _values = values;
        Collect(schema, [], depth: 3);
    }

    public int FieldCount => _fields.Count;

    /// <summary>Raw body text: <paramref name="valid"/> with some fields replaced, or (1 in 30) not a JSON object at all.</summary>
    public string Next(JsonObject valid)
    {
        if (_values.Next(30) == 0)
            return _values.Pick(["null", "[]", "1", "\"x\"", "{", "", "{\"a\":", "[null]", "{}"]);
        var body = (JsonObject)valid.DeepClone();
        for (int n = 1 + _values.Next(3); n > 0; n--)
        {
            var (path, schema) = _values.Pick(_fields);
            SetAt(body, path, _values.ForSchema(schema, _api));
        }
        return body.ToJsonString();
    }

    private void Collect(JsonObject schema, string[] prefix, int depth)
    {
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            var resolved = _api.Resolve(property!);
            string[] path = [.. prefix, name];
            _fields.Add((path, resolved));
            if (depth == 0)
                continue;
            if (resolved["properties"] is not null)
                Collect(resolved, path, depth - 1);
            else if (resolved["type"] is JsonValue t && (string?)t == "array" && resolved["items"] is JsonNode items && _api.Resolve(items) is { } item && item["properties"] is not null)
                Collect(item, [.. path, "[]"], depth - 1);
        }
    }

    /// <summary>Sets a field, making the objects (and one-item arrays, for <c>[]</c>) on the way.</summary>
    private static void SetAt(JsonObject body, string[] path, JsonNode? value)
    {
        JsonNode current = body;
        for (int i = 0; i < path.Length - 1; i++)
        {
            bool intoArray = path[i + 1] == "[]";
            if (path[i] == "[]")
                continue;
            var parent = (JsonObject)current;
            if (intoArray)
            {
                if (parent[path[i]] is not JsonArray { Count: > 0 } array || array[0] is not JsonObject)
                    parent[path[i]] = array = new JsonArray(new JsonObject());
                current = array[0]!;
            }
            else
            {
                if (parent[path[i]] is not JsonObject child)
                    parent[path[i]] = child = new JsonObject();
                current = child;
            }
        }
        ((JsonObject)current)[path[^1]] = value;
    }
}
