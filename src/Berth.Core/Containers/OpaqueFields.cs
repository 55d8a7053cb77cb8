using System.Text.Json;

namespace Berth.Core.Containers;

/// <summary>
/// The unknown-field bags of <see cref="ContainerConfig"/> and <see cref="HostConfig"/>: what a
/// client sent that Berth keeps only to show back. Copied on the way in, so no caller's
/// dictionary can change a record afterwards.
/// </summary>
internal static class OpaqueFields
{
    public static readonly IReadOnlyDictionary<string, JsonElement> None = System.Collections.ObjectModel.ReadOnlyDictionary<string, JsonElement>.Empty;

    /// <summary>A private copy of <paramref name="fields"/>; null (no extra fields) when empty.</summary>
    public static Dictionary<string, JsonElement>? Copy(IReadOnlyDictionary<string, JsonElement>? fields) =>
        fields is null || fields.Count == 0 ? null : fields.ToDictionary(f => f.Key, f => f.Value.Clone());
}
