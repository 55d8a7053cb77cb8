using Berth.Core.Volumes;

namespace Berth.Daemon.Api.Models;

/// <summary>A volume as <c>GET /volumes/{name}</c> and the list show it: Docker's fields in Docker's order.</summary>
internal static class VolumeViews
{
    public static object Inspect(Volume v) => new
    {
        CreatedAt = GoTime.Format(DateTime.SpecifyKind(v.CreatedAt, DateTimeKind.Utc).AddTicks(-(v.CreatedAt.Ticks % TimeSpan.TicksPerSecond))),
        v.Driver,
        Labels = Sorted(v.Labels),
        v.Mountpoint,
        v.Name,
        Options = Sorted(v.Options),
        Scope = "local",
    };

    /// <summary>Keys in order, as Go writes a map; empty rather than Docker's null, as the API description's type says.</summary>
    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string> map) =>
        new(map.ToDictionary(), StringComparer.Ordinal);
}
