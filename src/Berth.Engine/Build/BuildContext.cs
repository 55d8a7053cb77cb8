using System.Formats.Tar;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using Berth.Core.Build;
using Berth.Core.Errors;
using Berth.Engine.Archive;
using Berth.Linux.Files;

namespace Berth.Engine.Build;

/// <summary>
/// A build's context: the request's tar (maybe compressed) read once as it streams in, each
/// entry indexed (<see cref="ContextIndex"/>: kinds, modes, content hashes) and the whole
/// written to one spool file under the data root. The Dockerfile and <c>.dockerignore</c> are
/// read from the stream. The files are unpacked (by the hardened layer extractor, into a fresh
/// directory an untrusted archive cannot write outside of, then pruned by <c>.dockerignore</c>)
/// only when a step needs them (a fully cached build never writes them), or with
/// <c>--no-cache</c> as they stream in, through a pipe beside the index. A tar the index cannot
/// describe exactly is unpacked at once and read from disk, as before. Disposing deletes both.
/// </summary>
internal sealed class BuildContext : IDisposable
{
    /// <summary>The largest Dockerfile or ignore file read from the stream.</summary>
    private const int MaxCaptured = 16 << 20;

    private readonly string _spool;
    private readonly IgnorePatterns? _ignore;
    private bool _extracted;

    private BuildContext(string root, string spool, string dockerfile, ContextIndex? index, IgnorePatterns? ignore, bool extracted)
    {
        Root = root;
        _spool = spool;
        DockerfileText = dockerfile;
        Index = index;
        _ignore = ignore;
        _extracted = extracted;
    }

    /// <summary>Where the files are (once <see cref="ExtractAsync()"/> made them).</summary>
    public string Root { get; }

    public string DockerfileText { get; }

    /// <summary>The files as indexed from the stream; null when only the disk tells them exactly.</summary>
    public ContextIndex? Index { get; }

    /// <param name="unpackNow">
    /// Unpack as the tar streams in, instead of spooling it: for a build that will miss the cache
    /// anyway (<c>--no-cache</c>), the files are written while the client still sends.
    /// </param>
    public static async Task<BuildContext> ReceiveAsync(Stream tar, string parent, string dockerfilePath, bool unpackNow, CancellationToken ct)
    {
        Directory.CreateDirectory(parent);
        string root = Path.Combine(parent, "context-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        string spool = root + ".tar";
        string name = string.IsNullOrEmpty(dockerfilePath) ? "Dockerfile" : dockerfilePath;
        string relative = SafePath.Normalize(name) ?? throw BerthException.Invalid($"Cannot locate specified Dockerfile: {name}");
        var captured = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [relative] = [], ["dockerfile"] = [], [relative + ".dockerignore"] = [], ["dockerfile.dockerignore"] = [], [".dockerignore"] = [],
        };
        var index = new ContextIndex();
        try
        {
            if (unpackNow)
            {
                await UnpackWhileIndexingAsync(tar, root, index, captured, ct);
                if (!index.Exact)
                    return await FromDiskAsync(root, spool, name, relative, ct);
            }
            else
            {
                await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                    await IndexAsync(tar, file, index, captured, ct);
                if (!index.Exact)
                {
                    await UnpackSpoolAsync(spool, root, ct);
                    return await FromDiskAsync(root, spool, name, relative, ct);
                }
            }

            string? dockerfile = Regular(index, relative) ? relative
                : relative == "Dockerfile" && Regular(index, "dockerfile") ? "dockerfile"
                : throw BerthException.Invalid($"Cannot locate specified Dockerfile: {name}");
            string specific = dockerfile + ".dockerignore";
            string ignoreFile = index.Stat(specific) is not null ? specific : ".dockerignore";
            IgnorePatterns? patterns = null;
            if (Regular(index, ignoreFile))
            {
                patterns = new IgnorePatterns(Text(captured[ignoreFile]));
                if (patterns.IsEmpty)
                    patterns = null;
                else
                    index.Prune(patterns);
            }
            if (unpackNow && patterns is not null)
                Prune(root, "", patterns);
            return new BuildContext(root, spool, Text(captured[dockerfile]), index, patterns, extracted: unpackNow);
        }
        catch
        {
            File.Delete(spool);
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>The tar indexed and, through a pipe, unpacked by the layer extractor at the same time.</summary>
    private static async Task UnpackWhileIndexingAsync(Stream tar, string root, ContextIndex index, Dictionary<string, byte[]> captured, CancellationToken ct)
    {
        Directory.CreateDirectory(root);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4 << 20, resumeWriterThreshold: 2 << 20));
        var unpacking = Task.Run(async () =>
        {
            await using var input = pipe.Reader.AsStream();
            await LayerExtractor.ExtractAsync(input, root, ct);
        }, CancellationToken.None);
        try
        {
            await using (var sink = pipe.Writer.AsStream(leaveOpen: true))
                await IndexAsync(tar, sink, index, captured, ct);
            await pipe.Writer.CompleteAsync();
        }
        catch (Exception e)
        {
            await pipe.Writer.CompleteAsync(e);
            try
            {
                await unpacking;
            }
            catch (Exception)
            {
                // The same archive's failure: the index's error is the one reported.
            }
            throw;
        }
        await unpacking;
    }

    private static async Task UnpackSpoolAsync(string spool, string root, CancellationToken ct)
    {
        Directory.CreateDirectory(root);
        await using var file = File.OpenRead(spool);
        await LayerExtractor.ExtractAsync(file, root, ct);
    }

    private static bool Regular(ContextIndex index, string path) => index.Stat(path)?.Kind == FileKind.Regular && index.Resolvable(path);

    private static string Text(byte[] bytes) => new UTF8Encoding(false).GetString(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes);

    /// <summary>One pass over the tar: every byte to the spool, every entry into the index, the wanted small files kept.</summary>
    private static async Task IndexAsync(Stream tar, Stream spool, ContextIndex index, Dictionary<string, byte[]> captured, CancellationToken ct)
    {
        var (uncompressed, _) = await Decompression.DetectAsync(tar, ArchiveLimits.Default, ct);
        try
        {
            var teed = new TeeStream(uncompressed, spool);
            long entries = 0;
            await using (var reader = new TarReader(teed, leaveOpen: true))
            {
                TarEntry? entry;
                while ((entry = await reader.GetNextEntryAsync(copyData: false, ct)) is not null)
                {
                    ArchiveLimits.Default.CheckEntries(++entries);
                    await AddAsync(index, entry, captured, ct);
                }
            }
            // The tar's end blocks and anything after: the spool is the whole archive, the body all read.
            await teed.CopyToAsync(Stream.Null, ct);
        }
        catch (Exception e) when (MalformedTar.Is(e))
        {
            throw MalformedTar.Error("invalid tar archive", e);
        }
        finally
        {
            await uncompressed.DisposeAsync();
        }
    }

    private static async Task AddAsync(ContextIndex index, TarEntry entry, Dictionary<string, byte[]> captured, CancellationToken ct)
    {
        if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
            return;
        string? relative = SafePath.Normalize(entry.Name);
        if (relative is null)
            return; // the root keeps the context directory's own attributes
        uint mode = (uint)entry.Mode;
        if (Path.GetFileName(relative).StartsWith(Whiteout.Prefix, StringComparison.Ordinal))
        {
            index.MarkInexact(); // the extractor gives it a meaning of its own
            return;
        }
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                index.AddDirectory(relative, mode);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
            {
                byte[] hash;
                if (captured.ContainsKey(relative) && entry.Length <= MaxCaptured)
                {
                    var copy = new MemoryStream();
                    if (entry.DataStream is { } data)
                        await data.CopyToAsync(copy, ct);
                    captured[relative] = copy.ToArray();
                    hash = SHA256.HashData(captured[relative]);
                }
                else
                {
                    hash = await HashAsync(entry.DataStream, ct);
                }
                index.AddFile(relative, FileKind.Regular, mode, hash, null);
                break;
            }
            case TarEntryType.SymbolicLink:
                index.AddFile(relative, FileKind.Symlink, mode, null, entry.LinkName);
                break;
            case TarEntryType.HardLink:
                if (SafePath.Normalize(entry.LinkName) is { } target)
                    index.AddLink(relative, target);
                else
                    index.MarkInexact();
                break;
            case TarEntryType.CharacterDevice:
                index.AddFile(relative, FileKind.CharDevice, mode, null, null);
                break;
            case TarEntryType.BlockDevice:
                index.AddFile(relative, FileKind.BlockDevice, mode, null, null);
                break;
            case TarEntryType.Fifo:
                index.AddFile(relative, FileKind.Fifo, mode, null, null);
                break;
            default:
                index.MarkInexact(); // the extractor decides what it makes of it
                break;
        }
    }

    /// <summary>A file's SHA-256, read in large chunks: most context files then take one read of the stream (and one write to the spool).</summary>
    private static async Task<byte[]> HashAsync(Stream? data, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (data is not null)
        {
            byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 17);
            try
            {
                int n;
                while ((n = await data.ReadAsync(buffer, ct)) > 0)
                    hash.AppendData(buffer, 0, n);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        return hash.GetHashAndReset();
    }

    /// <summary>The files on disk, unpacked from the spool at the first call and pruned by <c>.dockerignore</c>; returns <see cref="Root"/>.</summary>
    public async Task<string> ExtractAsync(CancellationToken ct)
    {
        if (_extracted)
            return Root;
        await UnpackSpoolAsync(_spool, Root, ct);
        if (_ignore is not null)
            Prune(Root, "", _ignore);
        _extracted = true;
        return Root;
    }

    /// <summary>The context the index cannot describe, unpacked: the Dockerfile and ignore file read from disk.</summary>
    private static async Task<BuildContext> FromDiskAsync(string root, string spool, string name, string relative, CancellationToken ct)
    {
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
        IgnorePatterns? patterns = null;
        if (FileSystem.TryLStat(ignoreFile)?.Kind == FileKind.Regular)
        {
            patterns = new IgnorePatterns(await File.ReadAllTextAsync(ignoreFile, ct));
            if (!patterns.IsEmpty)
                Prune(root, "", patterns);
        }
        return new BuildContext(root, spool, text, null, patterns, extracted: true);
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

    /// <summary>Deletes the spool and the files, after the build's answer: deleting thousands of files takes long and nothing waits for it.</summary>
    /// <summary>The deletion <see cref="Dispose"/> started, done when the files are gone.</summary>
    public Task Removed { get; private set; } = Task.CompletedTask;

    public void Dispose()
    {
        string spool = _spool, root = Root;
        Removed = Task.Run(() =>
        {
            try
            {
                File.Delete(spool);
                if (Directory.Exists(root))
                    Directory.Delete(root, recursive: true);
                if (Directory.Exists(root + ".downloads"))
                    Directory.Delete(root + ".downloads", recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover context holds no references; the daemon's next start removes it.
            }
        });
    }
}
