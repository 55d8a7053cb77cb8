using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Berth.Core.Containers;
using Berth.Core.Networking;
using Berth.Core.Volumes;

namespace Berth.Engine;

/// <summary>
/// Source-generated JSON for what the engine stores and writes: the metadata store's
/// documents, image configs, OCI specs. berthd is a Native AOT executable, where
/// reflection-based serialization is not there; elsewhere it spares the startup's reflection.
/// Default options: names as declared, as the engine always stored them.
/// Core's records are read here too, so a property with an initializer (<c>RW = true</c>,
/// <c>Name = "no"</c>, <c>""</c>) is <c>{ get; set; }</c>, never <c>init</c>: generated metadata
/// passes every init-only property at construction, and one the JSON leaves out would get
/// null or zero instead of its initializer (dotnet/runtime#84484).
/// </summary>
[JsonSerializable(typeof(Container))]
[JsonSerializable(typeof(Volume))]
[JsonSerializable(typeof(NetworkDefinition))]
[JsonSerializable(typeof(ContainerConfig))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class EngineJson : JsonSerializerContext
{
    /// <summary>The type info of <typeparamref name="T"/> under <paramref name="options"/> (whose resolver must know it).</summary>
    public static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
