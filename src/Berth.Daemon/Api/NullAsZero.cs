using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Daemon.Api;

/// <summary>
/// Reads a JSON <c>null</c> where a number or a boolean goes as its zero value, as Go's decoder
/// leaves such a field untouched: docker-py sends <c>"ReadOnly": null</c> in a mount of
/// docker-compose's long volume syntax, which dockerd takes as <c>false</c>. Anything else is
/// read and written by the serializer's own converter for the type.
/// </summary>
internal sealed class NullAsZero<T>(JsonConverter<T> inner) : JsonConverter<T>
    where T : struct
{
    public override bool HandleNull => true;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? default : inner.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => inner.Write(writer, value, options);

    /// <summary>One for each value type the API's models hold.</summary>
    public static IEnumerable<JsonConverter> All() =>
    [
        new NullAsZero<bool>(JsonMetadataServices.BooleanConverter),
        new NullAsZero<int>(JsonMetadataServices.Int32Converter),
        new NullAsZero<long>(JsonMetadataServices.Int64Converter),
        new NullAsZero<uint>(JsonMetadataServices.UInt32Converter),
        new NullAsZero<ulong>(JsonMetadataServices.UInt64Converter),
        new NullAsZero<double>(JsonMetadataServices.DoubleConverter),
    ];
}
