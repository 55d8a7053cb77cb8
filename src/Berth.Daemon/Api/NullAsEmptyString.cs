using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Daemon.Api;

/// <summary>
/// Reads a JSON <c>null</c> where a string goes as <c>""</c>, as Go's decoder leaves a string
/// at its zero value: <c>"Env":["x",null]</c> or <c>"Mounts":[{"Type":null}]</c> reach the
/// checks as empty strings, which they refuse or ignore as dockerd does, instead of a null
/// nobody expects. Writing is unchanged.
/// </summary>
internal sealed class NullAsEmptyString : JsonConverter<string>
{
    public override bool HandleNull => true;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? "" : reader.GetString()!;

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
            writer.WriteNullValue();
        else
            writer.WriteStringValue(value);
    }

    // Map keys stay as they are: the converter applies to string values only.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}
