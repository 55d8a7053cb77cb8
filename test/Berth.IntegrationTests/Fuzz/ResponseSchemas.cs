using System.Text;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Berth.IntegrationTests.Fuzz;

/// <summary>
/// The response schemas of Docker's Engine API description as one JSON Schema document, built
/// once: swagger 2.0's schema objects are nearly JSON Schema draft 4, so each is copied keyword
/// by keyword (<c>$ref</c>s kept as <c>#/definitions/...</c>), scalars typed again (YAML was
/// read untyped), and what JSON Schema has no word for dropped: <c>x-go-name</c>,
/// <c>format</c> (Go's <c>int64</c>, <c>dateTime</c>), examples. <c>x-nullable: true</c> is the
/// one extension kept, as the null it allows. Objects take properties the description does not
/// name, unless it says otherwise, as JSON Schema and the description both mean.
/// Validation is JsonSchema.Net's.
/// </summary>
public sealed class ResponseSchemas
{
    private const string BaseUri = "https://berth.test/engine-api-v1.47.json";

    private readonly HashSet<string> _keys;
    private readonly EvaluationOptions _options;

    private ResponseSchemas(HashSet<string> keys, EvaluationOptions options) => (_keys, _options) = (keys, options);

    public static ResponseSchemas Load(EngineApiSchema api)
    {
        var source = api.Document;
        // Where the description and every dockerd part ways, clients follow dockerd: an exec's
        // ExitCode is null until it exits (moby's *int), and SDKs poll for that null.
        source["paths"]!["/exec/{id}/json"]!["get"]!["responses"]!["200"]!["schema"]!["properties"]!["ExitCode"]!["x-nullable"] = "true";
        // A network's IPAM.Options is null unless options were given (moby's nil map), and
        // docker-py's tests check for that null.
        source["definitions"]!["IPAM"]!["properties"]!["Options"]!["x-nullable"] = "true";
        var definitions = new JsonObject();
        foreach (var (name, schema) in source["definitions"]!.AsObject())
            definitions[name] = Convert(schema!);
        var keys = new HashSet<string>();
        foreach (var (path, operations) in source["paths"]!.AsObject())
            foreach (var (method, operation) in operations!.AsObject())
                foreach (var (status, response) in operation?["responses"]?.AsObject() ?? [])
                    if (response?["schema"] is JsonNode schema && (string?)schema["type"] != "file")
                    {
                        string key = Key(method, path, status);
                        definitions[key] = Convert(schema);
                        keys.Add(key);
                    }
        var document = new JsonObject { ["$schema"] = "http://json-schema.org/draft-07/schema#", ["$id"] = BaseUri, ["definitions"] = definitions };
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft7 };
        options.SchemaRegistry.Register(JsonSchema.FromText(document.ToJsonString()));
        return new ResponseSchemas(keys, options);
    }

    /// <summary>Whether the description gives a JSON schema for this answer (method, path as the file spells it, status).</summary>
    public bool Describes(string method, string path, int status) => _keys.Contains(Key(method, path, status.ToString()));

    /// <summary>
    /// The ways <paramref name="body"/> breaks the schema of the answer: empty when it conforms,
    /// each else as "instance location: message".
    /// </summary>
    public IReadOnlyList<string> Violations(string method, string path, int status, JsonNode? body)
    {
        string key = Key(method, path, status.ToString());
        if (!_keys.Contains(key))
            throw new KeyNotFoundException($"no schema for {method} {path} {status}");
        var schema = JsonSchema.FromText($$"""{"$schema":"http://json-schema.org/draft-07/schema#","$ref":"{{BaseUri}}#/definitions/{{key}}"}""");
        var results = schema.Evaluate(body, _options);
        if (results.IsValid)
            return [];
        return results.Details
            .Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} (at {d.EvaluationPath})"))
            .Distinct()
            .ToList();
    }

    private static string Key(string method, string path, string status)
    {
        var key = new StringBuilder("response_").Append(method.ToUpperInvariant()).Append('_');
        foreach (char c in path)
            key.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        return key.Append('_').Append(status).ToString();
    }

    /// <summary>One swagger schema object as a JSON Schema.</summary>
    private static JsonObject Convert(JsonNode node)
    {
        var swagger = node.AsObject();
        var schema = new JsonObject();
        if (swagger["$ref"] is JsonNode reference)
            schema["$ref"] = (string)reference!;
        string? type = (string?)swagger["type"];
        if (type is not null)
            schema["type"] = type;
        if (swagger["properties"] is JsonObject properties)
            schema["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Convert(p.Value!))));
        if (swagger["additionalProperties"] is JsonNode additional)
            schema["additionalProperties"] = additional is JsonObject o ? Convert(o) : bool.Parse((string)additional!);
        if (swagger["items"] is JsonObject items)
            schema["items"] = Convert(items);
        if (swagger["required"] is JsonArray required)
            schema["required"] = new JsonArray(required.Select(r => (JsonNode?)JsonValue.Create((string)r!)).ToArray());
        if (swagger["allOf"] is JsonArray parts)
            schema["allOf"] = new JsonArray(parts.Select(p => (JsonNode?)Convert(p!)).ToArray());
        if (swagger["enum"] is JsonArray values)
            schema["enum"] = new JsonArray(values.Select(v => Typed(v, type)).ToArray());
        foreach (string bound in (string[])["minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength"])
            if (swagger[bound] is JsonNode value)
                schema[bound] = decimal.Parse((string)value!, System.Globalization.CultureInfo.InvariantCulture);
        return (string?)swagger["x-nullable"] == "true" ? Nullable(schema) : schema;
    }

    /// <summary>A schema that also takes null.</summary>
    private static JsonObject Nullable(JsonObject schema)
    {
        if (schema["type"] is JsonValue type && schema["$ref"] is null && schema["allOf"] is null)
        {
            schema["type"] = new JsonArray((string)type!, "null");
            if (schema["enum"] is JsonArray values)
                values.Add(null);
            return schema;
        }
        return new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
    }

    /// <summary>An enum value, untyped by the YAML reading, typed again as its schema's type says.</summary>
    private static JsonNode? Typed(JsonNode? value, string? type) => value is not JsonValue ? value?.DeepClone() : type switch
    {
        "integer" => JsonValue.Create(long.Parse((string)value!)),
        "number" => JsonValue.Create(decimal.Parse((string)value!, System.Globalization.CultureInfo.InvariantCulture)),
        "boolean" => JsonValue.Create(bool.Parse((string)value!)),
        _ => JsonValue.Create((string)value!),
    };
}
