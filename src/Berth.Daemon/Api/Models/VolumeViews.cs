using Berth.Core.Volumes;

namespace Berth.Daemon.Api.Models;

/// <summary>A volume as <c>GET /volumes/{name}</c> and the list show it: Docker's fields in Docker's order.</summary>
internal static class VolumeViews
{
    public static VolumeView Inspect(Volume v) => new(
        CreatedAt: GoTime.Format(DateTime.SpecifyKind(v.CreatedAt, DateTimeKind.Utc).AddTicks(-(v.CreatedAt.Ticks % TimeSpan.TicksPerSecond))),
        Driver: v.Driver,
        Labels: Sorted(v.Labels),
        Mountpoint: v.Mountpoint,
        Name: v.Name,
        Options: Sorted(v.Options),
        Scope: "local");

    /// <summary>Keys in order, as Go writes a map; empty rather than Docker's null, as the API description's type says.</summary>
    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string> map) =>
        new(map.ToDictionary(), StringComparer.Ordinal);

    internal sealed record VolumeView(string CreatedAt, string Driver, SortedDictionary<string, string> Labels, string Mountpoint, string Name,
        SortedDictionary<string, string> Options, string Scope);
}
