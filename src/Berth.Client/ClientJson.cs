using System.Text.Json.Serialization;

namespace Berth.Client;

/// <summary>
/// Source-generated JSON for the small request bodies the client builds from dictionaries:
/// the CLI is a Native AOT executable, where reflection-based serialization is not there.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, bool>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
public sealed partial class ClientJson : JsonSerializerContext;
