using System.Text.Json.Nodes;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Fuzz;

/// <summary>
/// Docker's Engine API description (moby's <c>api/swagger.yaml</c> for API 1.47, vendored as
/// <c>Data/swagger-v1.47.yaml</c>) as a JSON tree: the operations' parameters and body
/// schemas, with <c>$ref</c> and <c>allOf</c> resolved, for the fuzzer to draw values from.
/// </summary>
public sealed class EngineApiSchema
{
    public static string FilePath => Path.Combine(Repo.Root, "test", "Berth.IntegrationTests", "Data", "swagger-v1.47.yaml");

    private readonly JsonObject _root;

    private EngineApiSchema(JsonObject root) => _root = root;

    /// <summary>The whole description, every scalar a string (YAML's untyped reading).</summary>
    public JsonObject Document => _root;

    public static EngineApiSchema Load()
    {
        using var reader = new StreamReader(FilePath);
        object? yaml = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize(reader);
        return new EngineApiSchema((JsonObject)ToJson(yaml)!);
    }

    /// <summary>The query parameters of <paramref name="method"/> <paramref name="path"/> (as the file spells the path).</summary>
    public IReadOnlyList<QueryParameter> QueryParameters(string method, string path) =>
        Operation(method, path)["parameters"]?.AsArray()
            .Select(p => Resolve(p!))
            .Where(p => (string?)p["in"] == "query")
            .Select(p => new QueryParameter((string)p["name"]!, (string?)p["type"] ?? "string", p["enum"]?.AsArray().Select(e => (string)e!).ToList() ?? []))
            .ToList() ?? [];

    /// <summary>The schema of an operation's body parameter, resolved.</summary>
    public JsonObject BodySchema(string method, string path) =>
        Resolve(Operation(method, path)["parameters"]!.AsArray().Select(p => Resolve(p!)).Single(p => (string?)p["in"] == "body")["schema"]!);

    private JsonObject Operation(string method, string path) =>
        _root["paths"]?[path]?[method.ToLowerInvariant()]?.AsObject() ?? throw new KeyNotFoundException($"{method} {path} is not in the API description");

    /// <summary>A schema with its <c>$ref</c> followed and <c>allOf</c> parts merged into one object schema.</summary>
    public JsonObject Resolve(JsonNode node)
    {
        var schema = node.AsObject();
        if (schema["$ref"] is JsonNode reference)
        {
            var target = _root;
            foreach (string part in ((string)reference!).TrimStart('#', '/').Split('/'))
                target = target[part]!.AsObject();
            return Resolve(target);
        }
        if (schema["allOf"] is not JsonArray parts)
            return schema;
        var merged = new JsonObject { ["type"] = "object" };
        var properties = new JsonObject();
        foreach (var part in parts)
        {
            var resolved = Resolve(part!);
            foreach (var (name, value) in resolved["properties"]?.AsObject() ?? [])
                properties[name] = value!.DeepClone();
        }
        merged["properties"] = properties;
        return merged;
    }

    private static JsonNode? ToJson(object? yaml) => yaml switch
    {
        Dictionary<object, object> map => new JsonObject(map.Select(e => KeyValuePair.Create(e.Key.ToString()!, ToJson(e.Value)))),
        List<object> list => new JsonArray(list.Select(ToJson).ToArray()),
        null => null,
        _ => JsonValue.Create(yaml.ToString()),
    };
}

/// <summary>A query parameter: its name, its swagger type (string, integer, boolean) and enum values if any.</summary>
public sealed record QueryParameter(string Name, string Type, IReadOnlyList<string> Enum);
