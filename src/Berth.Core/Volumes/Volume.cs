namespace Berth.Core.Volumes;

/// <summary>
/// A volume as berthd keeps it: a name, the driver that owns its data, and what it was created
/// with. Who uses it is not stored here: it is derived from the containers' mount points, so a
/// crash can never leave a stale reference count.
/// </summary>
public sealed record Volume
{
    /// <summary>The label that marks a volume made for a container (<c>-v /path</c>, an image's VOLUME); pruned by default.</summary>
    public const string AnonymousLabel = "com.docker.volume.anonymous";

    public required string Name { get; init; }
    public string Driver { get; set; } = "local";
    /// <summary>Where the data is on the host: <c>&lt;data-root&gt;/volumes/NAME/_data</c> for the local driver.</summary>
    public required string Mountpoint { get; init; }
    public required DateTime CreatedAt { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();
    /// <summary>The driver's options (<c>-o</c>), as given.</summary>
    public IReadOnlyDictionary<string, string> Options { get; set; } = new Dictionary<string, string>();

    public bool IsAnonymous => Labels.ContainsKey(AnonymousLabel);
}
