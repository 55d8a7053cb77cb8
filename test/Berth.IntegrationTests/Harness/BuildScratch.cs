namespace Berth.IntegrationTests.Harness;

/// <summary>
/// A build test class's context directory, and the images its builds leave: every image that
/// was not there before the class ran is removed at the end, as <c>images -a</c> lists them
/// (newest first, so an image goes before the one it was built on).
/// </summary>
public sealed class BuildScratch(DaemonFixture daemon, string prefix)
{
    private HashSet<string> _imagesBefore = [];

    public string Context { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public static bool CanUseDaemon => File.Exists(Repo.Berthd) && Environment.UserName == "root";

    public async Task RememberImagesAsync()
    {
        if (CanUseDaemon)
            _imagesBefore = [.. await ImagesAsync()];
    }

    /// <summary>Writes <paramref name="text"/> at <paramref name="path"/> in the context, making its directories.</summary>
    public void Write(string path, string text)
    {
        string full = Path.Combine(Context, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    /// <summary>Removes the context and every image made since <see cref="RememberImagesAsync"/>.</summary>
    public async Task RemoveAsync()
    {
        Directory.Delete(Context, recursive: true);
        if (!CanUseDaemon)
            return;
        foreach (string id in (await ImagesAsync()).Distinct())
            if (!_imagesBefore.Contains(id))
                await daemon.Docker("rmi", "-f", id);
    }

    private async Task<string[]> ImagesAsync() =>
        (await daemon.Docker("images", "-aq", "--no-trunc")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
