using System.Text.Json.Serialization;

namespace Berth.Linux;

/// <summary>Source-generated JSON for the tools' answers read as typed values (no reflection under Native AOT).</summary>
[JsonSerializable(typeof(int[]))]
internal sealed partial class LinuxJson : JsonSerializerContext;
