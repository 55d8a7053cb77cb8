namespace Berth.Cli.Files;

/// <summary>
/// The CLI's scratch files (a build context packed before it is sent, so its size is known):
/// in a directory of the user's own (<c>$XDG_RUNTIME_DIR/berth</c>, else <c>$TMPDIR/berth-USER</c>,
/// mode 0700), and unlinked as soon as they are open, so nothing is left behind even when the
/// CLI is killed.
/// </summary>
internal static class ClientTempFile
{
    /// <summary>An empty file open for reading and writing, already without a name.</summary>
    public static FileStream Create()
    {
        string dir = Directory();
        string path = Path.Combine(dir, "berth-" + Guid.NewGuid().ToString("N"));
        // CreateNew is O_EXCL: a planted name or symlink makes it fail instead of being followed.
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        File.Delete(path);
        return file;
    }

    private static string Directory()
    {
        string? runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string dir = !string.IsNullOrEmpty(runtime) && System.IO.Directory.Exists(runtime)
            ? Path.Combine(runtime, "berth")
            : Path.Combine(Path.GetTempPath(), "berth-" + Environment.UserName);
        System.IO.Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return dir;
    }
}
