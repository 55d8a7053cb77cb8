using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Daemon.Api.Models;

/// <summary>
/// Checks a create body's <c>Healthcheck</c> as Docker's decoder and validator do, so a
/// wrong type is a 400 at create rather than a failure at start: <c>null</c> and missing
/// fields are accepted (SDKs such as docker-py send <c>"StartPeriod": null</c>), a string
/// where a list or a number belongs is refused with Go's decoder message, and durations
/// under 1ms and negative retries with Docker's validation messages.
/// </summary>
internal static class HealthcheckShape
{
    private static readonly string[] s_durations = ["Interval", "Timeout", "StartPeriod", "StartInterval"];
    /// <summary>Docker's <c>HealthConfig</c> fields, in its order.</summary>
    private static readonly string[] s_fields = ["Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"];

    /// <summary>
    /// The health check as Docker stores it: fields matched in any case (Go's decoder; the
    /// last given wins) under their own names, unknown ones dropped, and null, zero and empty
    /// ones left out (every field is <c>omitempty</c>). Validated first, as Docker refuses a
    /// wrong type whatever the case of its name.
    /// </summary>
    public static JsonElement? Canonical(JsonElement? healthcheck)
    {
        if (healthcheck is not { ValueKind: JsonValueKind.Object } h)
        {
            Validate(healthcheck);
            return healthcheck;
        }
        var fields = new Dictionary<string, JsonElement>();
        foreach (var p in h.EnumerateObject())
            if (s_fields.FirstOrDefault(f => f.Equals(p.Name, StringComparison.OrdinalIgnoreCase)) is { } name)
                fields[name] = p.Value;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (string name in s_fields)
            {
                if (!fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null
                    || value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) && n == 0
                    || value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
                    continue;
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        var canonical = doc.RootElement.Clone();
        Validate(canonical);
        return canonical;
    }

    /// <summary>Throws an InvalidArgument error for a health check Docker would refuse.</summary>
    public static void Validate(JsonElement? healthcheck)
    {
        if (healthcheck is not { } h || h.ValueKind == JsonValueKind.Null)
            return;
        if (h.ValueKind != JsonValueKind.Object)
            throw BerthException.Invalid($"json: cannot unmarshal {GoKind(h)} into Go struct field ContainerConfigWrapper.Healthcheck of type container.HealthConfig");
        if (h.TryGetProperty("Test", out var test) && test.ValueKind != JsonValueKind.Null)
        {
            if (test.ValueKind != JsonValueKind.Array)
                throw Mismatch(test, "Healthcheck.Test", "[]string");
            foreach (var word in test.EnumerateArray())
                if (word.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    throw Mismatch(word, "Healthcheck.Test", "string");
        }
        foreach (string name in s_durations)
        {
            if (!h.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
                continue;
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long ns))
                throw Mismatch(v, "Healthcheck." + name, "time.Duration");
            if (ns != 0 && ns < 1_000_000)
                throw BerthException.Invalid($"{name} in Healthcheck cannot be less than 1ms");
        }
        if (h.TryGetProperty("Retries", out var retries) && retries.ValueKind != JsonValueKind.Null)
        {
            if (retries.ValueKind != JsonValueKind.Number || !retries.TryGetInt32(out int n))
                throw Mismatch(retries, "Healthcheck.Retries", "int");
            if (n < 0)
                throw BerthException.Invalid("Retries in Healthcheck cannot be negative");
        }
    }

    private static BerthException Mismatch(JsonElement value, string field, string type) =>
        BerthException.Invalid($"json: cannot unmarshal {GoKind(value)} into Go struct field HealthConfig.{field} of type {type}");

    private static string GoKind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        _ => "object",
    };
}
