using Berth.Linux.Mounts;

namespace Berth.Engine.Services;

/// <summary>
/// Where one daemon keeps things. Two daemons with different roots share nothing.
/// <code>
///   data root (/var/lib/berth)            exec root (/run/berth)
///     berth.db                              berth.sock   (default socket)
///     content/sha256/...                    runc/        runtime state (--root)
///     overlay/...                           exits/       conmon exit files
///                                           pids/        runc's and conmon's pid files (a tmpfs)
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
    /// <summary>The pid files of a start: <c>&lt;id&gt;</c> (runc's, written with O_SYNC) and <c>&lt;id&gt;.conmon</c>.</summary>
    public string Pids => Path.Combine(ExecRoot, "pids");
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
        foreach (string dir in new[] { DataRoot, Content, Overlay, Containers, Volumes, ExecRoot, RuntimeRoot, Exits, Pids })
            Directory.CreateDirectory(dir);
    }

    /// <summary>
    /// Puts <see cref="Pids"/> on a tmpfs of its own unless it is on one already. runc writes
    /// its pid file with O_SYNC, which on a disk waits for a journal commit in the middle of
    /// every start (milliseconds on a quiet disk, a hundred on a busy one); the exec root is
    /// not always a tmpfs (/run is a plain directory on some hosts). The mount outlives the
    /// daemon, as the pid files of running containers do; without the right to mount, the
    /// files stay on whatever the exec root is.
    /// </summary>
    public void MountPids()
    {
        if (Mounter.IsMounted(Pids))
            return;
        try
        {
            Mounter.MountAt(new Core.Mounts.Mount("tmpfs", "tmpfs", ["mode=0700", "size=64m"]), Pids);
        }
        catch (Core.Errors.BerthException)
        {
            // Not root, or no tmpfs: slower starts, nothing else.
        }
    }
}
