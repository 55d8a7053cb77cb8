using System.Text;
using System.Text.Json;
using Berth.Core.Containers;

namespace Berth.Daemon.Api;

/// <summary><c>X-Docker-Container-Path-Stat</c>: base64 of the stat's JSON, as the docker CLI decodes it.</summary>
internal static class PathStatHeader
{
    public const string Name = "X-Docker-Container-Path-Stat";

    public static string Encode(PathStat stat)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(
            new PathStatView(name: stat.Name, size: stat.Size, mode: stat.Mode, mtime: GoTime.Format(stat.Mtime.UtcDateTime), linkTarget: stat.LinkTarget),
            DaemonJson.Default.PathStatView);
        return Convert.ToBase64String(json);
    }


    internal sealed record PathStatView(string name, long size, uint mode, string mtime, string linkTarget);
}
