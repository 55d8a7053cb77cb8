namespace Berth.Core.Containers;

/// <summary>
/// What the archive API says about a path in a container (<c>X-Docker-Container-Path-Stat</c>):
/// its base name, size, Go <c>os.FileMode</c> bits (permissions plus type flags), modification
/// time, and for a symlink its target as an absolute path inside the container.
/// </summary>
public sealed record PathStat(string Name, long Size, uint Mode, DateTimeOffset Mtime, string LinkTarget)
{
    /// <summary>Go's os.ModeDir: what the docker CLI tests to tell a directory.</summary>
    public const uint GoModeDir = 1u << 31;
    public const uint GoModeSymlink = 1u << 27;
    public const uint GoModeDevice = 1u << 26;
    public const uint GoModeNamedPipe = 1u << 25;
    public const uint GoModeSocket = 1u << 24;
    public const uint GoModeSetuid = 1u << 23;
    public const uint GoModeSetgid = 1u << 22;
    public const uint GoModeCharDevice = 1u << 21;
    public const uint GoModeSticky = 1u << 20;

    public bool IsDirectory => (Mode & GoModeDir) != 0;
}
