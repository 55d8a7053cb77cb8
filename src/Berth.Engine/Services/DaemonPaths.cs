namespace Berth.Engine.Services;

/// <summary>
/// Where one daemon keeps things. Two daemons with different roots share nothing.
/// <code>
///   data root (/var/lib/berth)            exec root (/run/berth)
///     berth.db                              berth.sock   (default socket)
///     content/sha256/...                    runc/        runtime state (--root)
///     overlay/...                           exits/       conmon exit files
///                                           subpaths/    volume subpaths staged for runc
///                                           views/       rootfs views of stopped containers (cp, export)
///     containers/&lt;id&gt;/  bundle, log, etc
///     volumes/&lt;name&gt;/_data  local volumes
///     tmp/                  spools of running requests (save), emptied at every start
/// </code>
/// </summary>
public sealed record DaemonPaths(string DataRoot, string ExecRoot)
{
    public string Database => Path.Combine(DataRoot, "berth.db");
    public string Content => Path.Combine(DataRoot, "content");
    public string Overlay => Path.Combine(DataRoot, "overlay");
    public string Containers => Path.Combine(DataRoot, "containers");
    public string Volumes => Path.Combine(DataRoot, "volumes");
    /// <summary>The daemon's temp files: on the data root's disk, never the host's /tmp, and swept at start.</summary>
    public string Temp => Path.Combine(DataRoot, "tmp");
    public string RuntimeRoot => Path.Combine(ExecRoot, "runc");
    public string Exits => Path.Combine(ExecRoot, "exits");
    /// <summary>Volume subpaths staged for runc, one directory per started container (<see cref="Berth.Engine.Volumes.SubpathStage"/>).</summary>
    public string Subpaths => Path.Combine(ExecRoot, "subpaths");

    public string ContainerDir(string id) => Path.Combine(Containers, id);
    public string LogPath(string id) => Path.Combine(Containers, id, id + ".log");

    /// <summary>Creates the roots; the temp directory starts empty (what a crash left there is nobody's).</summary>
    public void Create()
    {
        if (Directory.Exists(Temp))
            Directory.Delete(Temp, recursive: true);
        Directory.CreateDirectory(Temp);
        foreach (string dir in new[] { DataRoot, Content, Overlay, Containers, Volumes, ExecRoot, RuntimeRoot, Exits })
            Directory.CreateDirectory(dir);
    }
}
