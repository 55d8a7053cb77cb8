using Berth.Core.Volumes;

namespace Berth.Daemon.Api.Models;

/// <summary>A volume as <c>GET /volumes/{name}</c> and the list show it: Docker's fields, empty maps as null.</summary>
internal static class VolumeViews
{
    public static object Inspect(Volume v) => new
    {
        CreatedAt = GoTime.Format(DateTime.SpecifyKind(v.CreatedAt, DateTimeKind.Utc).AddTicks(-(v.CreatedAt.Ticks % TimeSpan.TicksPerSecond))),
        v.Driver,
        Labels = v.Labels.Count == 0 ? null : v.Labels,
        v.Mountpoint,
        v.Name,
        Options = v.Options.Count == 0 ? null : v.Options,
        Scope = "local",
    };
}
