using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Core.Containers;

/// <summary>
/// The portable part of a container's configuration, field for field as the Engine API's
/// <c>Config</c> object (also the <c>config</c> of an image). Treated as immutable: the engine
/// derives changed copies with <c>with</c> (the properties with initializers have setters only so
/// JSON that leaves them out keeps them, see EngineJson). The API's wire models convert to it at the edge.
/// </summary>
/// <remarks>
/// Its JSON (field names, omitted nulls, <see cref="Extra"/> flat beside the known fields) is
/// the shape stored in berth.db and written into a committed image's config; keep it.
/// </remarks>
public sealed record ContainerConfig
{
    public string Hostname { get; set; } = "";
    public string Domainname { get; set; } = "";
    public string User { get; set; } = "";
    public bool AttachStdin { get; init; }
    public bool AttachStdout { get; init; }
    public bool AttachStderr { get; init; }
    /// <summary>Port keys ("80/tcp"); the values are always empty objects, as Docker's set-as-map.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, object>? ExposedPorts { get; init; }
    public bool Tty { get; init; }
    public bool OpenStdin { get; init; }
    public bool StdinOnce { get; init; }
    public IReadOnlyList<string>? Env { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    /// <summary>Kept as sent; <c>HealthCheck.From</c> reads what Berth acts on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Healthcheck { get; init; }
    public string Image { get; set; } = "";
    /// <summary>Container paths; the values are always empty objects.</summary>
    public IReadOnlyDictionary<string, object>? Volumes { get; init; }
    public string WorkingDir { get; set; } = "";
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<string>? OnBuild { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? StopSignal { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StopTimeout { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Shell { get; init; }

    /// <summary>
    /// Fields Berth does not act on, by name, as the client sent them, so inspect shows them back.
    /// Opaque to the engine.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> Extra
    {
        get => _extra ?? OpaqueFields.None;
        init => _extra = OpaqueFields.Copy(value);
    }

    // Flat beside the known fields when stored, as Berth always stored them; filled only while deserializing.
    // Public for the source-generated serializers in the other assemblies (they see no private members).
    [JsonExtensionData, EditorBrowsable(EditorBrowsableState.Never)]
    public Dictionary<string, JsonElement>? StoredExtra { get => _extra; set => _extra = value; }

    private Dictionary<string, JsonElement>? _extra;
}
