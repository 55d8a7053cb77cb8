using Berth.Core.Build;
using Berth.Core.Errors;
using Berth.Engine.Archive;
using Berth.Linux.Files;

namespace Berth.Engine.Build;

/// <summary>
/// A build's context on disk: the request's tar (maybe compressed) unpacked by the hardened
/// layer extractor into a fresh directory under the data root (an untrusted archive cannot write
/// outside it), the Dockerfile read, and what <c>.dockerignore</c> (or
/// <c>&lt;Dockerfile&gt;.dockerignore</c>) excludes removed. Disposing deletes the directory.
/// </summary>
internal sealed class BuildContext : IDisposable
{
    private BuildContext(string root, string dockerfile)
    {
        Root = root;
        DockerfileText = dockerfile;
    }

    public string Root { get; }

    public string DockerfileText { get; }

    public static async Task<BuildContext> ExtractAsync(Stream tar, string parent, string dockerfilePath, CancellationToken ct)
    {
        Directory.CreateDirectory(parent);
        string root = Path.Combine(parent, "context-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));
        Directory.CreateDirectory(root);
        try
        {
            await LayerExtractor.ExtractAsync(tar, root, ct);
            string name = string.IsNullOrEmpty(dockerfilePath) ? "Dockerfile" : dockerfilePath;
            string relative = SafePath.Normalize(name) ?? throw BerthException.Invalid($"Cannot locate specified Dockerfile: {name}");
            // Never through a symlink: a context's Dockerfile must not name a file of the host.
            string? path;
            try
            {
                path = SafePath.ResolveExisting(root, relative, name);
            }
            catch (BerthException)
            {
                path = null; // missing, or behind a symlink: reported as Docker reports a missing Dockerfile
            }
            if (path is null || FileSystem.TryLStat(path)?.Kind != FileKind.Regular)
            {
                // Docker also accepts "dockerfile" when the default name is missing.
                string lower = Path.Combine(root, "dockerfile");
                if (relative == "Dockerfile" && FileSystem.TryLStat(lower)?.Kind == FileKind.Regular)
                    path = lower;
                else
                    throw BerthException.Invalid($"Cannot locate specified Dockerfile: {name}");
            }
            string text = await File.ReadAllTextAsync(path, ct);
            string specific = path + ".dockerignore";
            string ignoreFile = File.Exists(specific) ? specific : Path.Combine(root, ".dockerignore");
            if (FileSystem.TryLStat(ignoreFile)?.Kind == FileKind.Regular)
            {
                var patterns = new IgnorePatterns(await File.ReadAllTextAsync(ignoreFile, ct));
                if (!patterns.IsEmpty)
                    Prune(root, "", patterns);
            }
            return new BuildContext(root, text);
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>Removes what the patterns exclude; walks into excluded directories only when an exception may keep something there.</summary>
    private static void Prune(string dir, string prefix, IgnorePatterns patterns)
    {
        foreach (string path in Directory.EnumerateFileSystemEntries(dir).ToList())
        {
            string relative = prefix + Path.GetFileName(path);
            bool excluded = patterns.Excludes(relative);
            bool isDir = FileSystem.TryLStat(path)?.Kind == FileKind.Directory;
            if (isDir && (!excluded || patterns.HasExceptions))
            {
                Prune(path, relative + "/", patterns);
                if (excluded && !Directory.EnumerateFileSystemEntries(path).Any())
                    Directory.Delete(path);
            }
            else if (excluded)
            {
                if (isDir)
                    Directory.Delete(path, recursive: true);
                else
                    File.Delete(path);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
            if (Directory.Exists(Root + ".downloads"))
                Directory.Delete(Root + ".downloads", recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover context directory holds no references.
        }
    }
}
