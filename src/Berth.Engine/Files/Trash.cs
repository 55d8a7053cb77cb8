namespace Berth.Engine.Files;

/// <summary>
/// Deletes a directory tree off the caller's path: the tree is renamed at once to
/// <c>trash-NAME-…</c> beside it (gone for every reader from then on), then deleted on a pool
/// thread, so that a removal answers without waiting for thousands of unlinks. A crash in
/// between leaves a <c>trash-*</c> directory that <see cref="Sweep"/> deletes when the
/// parent's owner opens it at the next start.
/// </summary>
internal static class Trash
{
    public const string Prefix = "trash-";

    /// <summary>Moves <paramref name="dir"/> out of the way and deletes it in the background; nothing if it does not exist.</summary>
    public static void Delete(string dir)
    {
        // Checked first: Directory.Move does not always report a missing source as
        // DirectoryNotFoundException (a unit test's missing container directory gave a bare
        // IOException, "Unknown error 203").
        if (!Directory.Exists(dir))
            return;
        string trash = Path.Combine(Path.GetDirectoryName(dir)!, Prefix + Path.GetFileName(dir) + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.Move(dir, trash);
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }
        _ = Task.Run(() => DeleteQuietly(trash));
    }

    /// <summary>Deletes what a crash left in <paramref name="parent"/>'s trash.</summary>
    public static void Sweep(string parent)
    {
        foreach (string trash in Directory.EnumerateDirectories(parent, Prefix + "*"))
            DeleteQuietly(trash);
    }

    public static bool IsTrash(string dir) => Path.GetFileName(dir).StartsWith(Prefix, StringComparison.Ordinal);

    private static void DeleteQuietly(string trash)
    {
        try
        {
            Directory.Delete(trash, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the sweep at the next start; nothing names it meanwhile.
        }
    }
}
