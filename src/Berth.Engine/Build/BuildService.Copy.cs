using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Berth.Core.Errors;
using Berth.Engine.Archive;
using Berth.Engine.Runtime;
using Berth.Linux.Files;

namespace Berth.Engine.Build;

public sealed partial class BuildService
{
    /// <summary>One thing a COPY/ADD copies: a path under its source root, or a heredoc's text.</summary>
    private sealed record CopySource(string Name, string? Path, string? Content)
    {
        /// <summary>Fetched by ADD from a URL: copied as a file, never unpacked.</summary>
        public bool Downloaded { get; init; }

        /// <summary>Where <see cref="Path"/> is: on disk, or in the context's index until a cache miss needs the files.</summary>
        public ISourceTree Tree { get; init; } = DiskTree.Instance;
    }

    /// <summary>
    /// COPY and ADD: sources from the context, a heredoc, or (<c>--from</c>) an earlier stage or an
    /// image, wildcards matched per path component; written into a bare writable layer over the
    /// stage's image (symlinks resolved inside it), owned by root or <c>--chown</c>, modes kept or
    /// <c>--chmod</c>; ADD unpacks a local tar archive. Cached by a checksum of what is copied,
    /// shown as Docker shows it: <c>COPY file:&lt;sum&gt; in &lt;dest&gt; </c>.
    /// </summary>
    private async Task CopyAsync(BuildRun run, BuildStage stage, Instruction ins, CancellationToken ct)
    {
        var vars = stage.Variables();
        bool add = ins.Keyword == "ADD";
        List<string> args = ins.Json is { } json ? [.. json] : SplitUnquoted(ins.Text);
        string dest = run.Words.ProcessWord(args[^1], vars);
        var rawSources = args[..^1];
        string? chown = ins.Flag("chown") is { } c ? run.Words.ProcessWord(c, vars) : null;
        int? chmod = null;
        if (ins.Flag("chmod") is { } m)
        {
            try
            {
                chmod = Convert.ToInt32(run.Words.ProcessWord(m, vars), 8);
            }
            catch (FormatException)
            {
                throw DockerfileParser.Error(ins.Line, $"invalid chmod parameter: {m}");
            }
        }

        string? fromImage = null;
        bool fromOther = false;
        if (ins.Flag("from") is { } from)
        {
            if (add)
                throw DockerfileParser.Error(ins.Line, "ADD --from is not supported");
            from = run.Words.ProcessWord(from, vars);
            fromOther = true;
            if (int.TryParse(from, out int index))
                fromImage = run.Finished.TryGetValue(index, out var finished) ? finished.ImageId
                    : throw BerthException.Invalid($"invalid from flag value {from}: index out of bounds");
            else if (run.Stages.TryGetValue(from.ToLowerInvariant(), out var named))
                fromImage = named.ImageId;
            else
                fromImage = images.Resolve(from).Id;
        }

        await WithSourceRootAsync(fromOther, fromImage, run.Context, ct, async sourceRoot =>
        {
            var sources = new List<CopySource>();
            foreach (string raw in rawSources)
            {
                var heredoc = ins.Heredocs.FirstOrDefault(h => raw == "<<" + h.Name || raw == "<<-" + h.Name || raw.StartsWith("<<", StringComparison.Ordinal) && raw.Trim('<', '-', '"', '\'') == h.Name);
                if (heredoc is not null)
                {
                    sources.Add(new CopySource(heredoc.Name, null, heredoc.Expand ? ExpandHeredoc(run.Words, heredoc.Content, vars) : heredoc.Content));
                    continue;
                }
                string src = run.Words.ProcessWord(raw, vars);
                if (add && (src.StartsWith("http://", StringComparison.Ordinal) || src.StartsWith("https://", StringComparison.Ordinal)))
                {
                    sources.Add(await DownloadAsync(src, run.Context.Root + ".downloads", ct));
                    continue;
                }
                if (sourceRoot is null && Match(run.Context.Index!, src) is { } indexed)
                {
                    sources.AddRange(indexed);
                    continue;
                }
                sourceRoot ??= await run.Context.ExtractAsync(ct); // a path through a symlink: the disk resolves it
                sources.AddRange(Match(sourceRoot, src, ins.Keyword));
            }
            if (sources.Count > 1 && !dest.EndsWith('/'))
                throw BerthException.Invalid($"When using {ins.Keyword} with more than one source file, the destination must be a directory and end with a /");

            string sum = Checksum(sources, chown, chmod, out string kind);
            run.Mark("checksum");
            IReadOnlyList<string> cmd = [.. stage.Shell, $"#(nop) {ins.Keyword} {kind}:{sum} in {dest} "];
            var probe = stage.Config with { Cmd = cmd, Image = stage.ImageId ?? "" };
            if (await TryCacheAsync(run, stage, probe, ct))
                return;
            if (sources.Any(source => source.Tree is ContextIndex))
            {
                // A miss: now the files are needed on disk.
                string root = await run.Context.ExtractAsync(ct);
                sources = sources.Select(source => source.Tree is ContextIndex
                    ? source with { Path = source.Path!.Length == 0 ? root : Path.Combine(root, source.Path), Tree = DiskTree.Instance }
                    : source).ToList();
                run.Mark("extract");
            }
            string target = dest.StartsWith('/') ? dest : (stage.Config.WorkingDir.Length == 0 ? "/" : stage.Config.WorkingDir.TrimEnd('/') + "/") + dest;
            await WithScratchLayerAsync(stage.ImageId, async (rootfs, upper) =>
            {
                var (uid, gid) = Owner(rootfs, chown);
                foreach (var source in sources)
                    await CopyOneAsync(rootfs, source, target, sources.Count > 1 || target.EndsWith('/'), add, uid, gid, chmod, ct);
                run.Mark("copy");
                await CommitStepAsync(run, stage, probe, "", upper, string.Join(' ', cmd), ct);
            });
        });
    }

    /// <summary>
    /// ADD of a URL: the file is downloaded (mode 0600, its Last-Modified as mtime, as Docker
    /// does) and copied like a context file, never unpacked; named after the URL's last segment.
    /// </summary>
    private static async Task<CopySource> DownloadAsync(string url, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        string name = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : "";
        string path = Path.Combine(directory, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        using var response = await s_http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            throw BerthException.Invalid($"failed to GET {url} with status {(int)response.StatusCode} {response.ReasonPhrase}");
        await using (var file = File.Create(path))
            await response.Content.CopyToAsync(file, ct);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_000_000);
        if (response.Content.Headers.LastModified is { } modified)
            FileSystem.LUtimes(path, modified, modified);
        return new CopySource(name.Length == 0 ? "index.html" : name, path, null) { Downloaded = true };
    }

    /// <summary>
    /// Runs with the root COPY reads from: a read-only view of another stage's or image's files,
    /// the extracted context when its index cannot tell, or null: the context's index.
    /// </summary>
    private async Task WithSourceRootAsync(bool fromOther, string? imageId, BuildContext context, CancellationToken ct, Func<string?, Task> work)
    {
        if (!fromOther)
        {
            await work(context.Index is null ? await context.ExtractAsync(ct) : null);
            return;
        }
        await WithScratchLayerAsync(imageId, (rootfs, _) => work(rootfs));
    }

    /// <summary>The sources a COPY argument names in the context's index; null when a symlink on the way (or a missing path) is the disk's to resolve.</summary>
    private static List<CopySource>? Match(ContextIndex index, string src)
    {
        string relative = CleanPath(src).TrimStart('/');
        if (relative.IndexOfAny(['*', '?', '[']) < 0)
            return relative.Length == 0 || index.Resolvable(relative) ? [new CopySource(Path.GetFileName(relative), relative, null) { Tree = index }] : null;
        var matches = new List<CopySource>();
        Walk(index, "", relative.Split('/'), 0, matches);
        return matches.Count == 0 ? null : matches;
    }

    /// <summary>The sources a COPY argument names: one path, or every match of a wildcard pattern.</summary>
    private static IEnumerable<CopySource> Match(string root, string src, string keyword)
    {
        string relative = CleanPath(src).TrimStart('/');
        if (relative.IndexOfAny(['*', '?', '[']) < 0)
        {
            string path = relative.Length == 0 ? root : RootfsPath.Resolve(root, relative);
            if (FileSystem.TryLStat(path) is null)
                throw BerthException.Invalid($"{keyword} failed: file not found in build context or excluded by .dockerignore: stat {src}: file does not exist");
            return [new CopySource(Path.GetFileName(relative), path, null)];
        }
        var matches = new List<CopySource>();
        Walk(DiskTree.Instance, root, relative.Split('/'), 0, matches);
        if (matches.Count == 0)
            throw BerthException.Invalid($"{keyword} failed: no source files were specified");
        return matches;
    }

    private static void Walk(ISourceTree tree, string dir, string[] parts, int index, List<CopySource> matches)
    {
        if (tree.Stat(dir)?.Kind != FileKind.Directory)
            return;
        var regex = new Regex("^" + Regex.Escape(parts[index]).Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]").Replace(@"\[", "[") + "$");
        foreach (string entry in tree.Children(dir))
        {
            string name = Path.GetFileName(entry);
            if (!regex.IsMatch(name))
                continue;
            if (index == parts.Length - 1)
                matches.Add(new CopySource(name, entry, null) { Tree = tree });
            else
                Walk(tree, entry, parts, index + 1, matches);
        }
    }

    /// <summary>A checksum of names, modes, link targets and contents (and the ownership flags), and Docker's kind word.</summary>
    private static string Checksum(List<CopySource> sources, string? chown, int? chmod, out string kind)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\0"));
        Add($"chown={chown} chmod={chmod}");
        void AddTree(ISourceTree tree, string path, string name)
        {
            var (fileKind, permissions) = tree.Stat(path) ?? throw new FileNotFoundException(path);
            Add($"{name} {fileKind} {permissions}");
            switch (fileKind)
            {
                case FileKind.Regular:
                    hash.AppendData(tree.ContentHash(path));
                    break;
                case FileKind.Symlink:
                    Add(tree.LinkTarget(path));
                    break;
                case FileKind.Directory:
                    foreach (string child in tree.Children(path))
                        AddTree(tree, child, name + "/" + Path.GetFileName(child));
                    break;
            }
        }
        foreach (var s in sources)
        {
            if (s.Content is not null)
                Add($"{s.Name} heredoc {s.Content}");
            else
                AddTree(s.Tree, s.Path!, s.Name);
        }
        kind = sources.Count > 1 ? "multi" : sources[0].Path is { } p && sources[0].Tree.Stat(p)?.Kind == FileKind.Directory ? "dir" : "file";
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static (int Uid, int Gid) Owner(string rootfs, string? chown)
    {
        if (string.IsNullOrEmpty(chown))
            return (0, 0);
        var ids = UserResolver.Resolve(rootfs, chown.Contains(':') ? chown : chown + ":" + chown);
        return ((int)ids.Uid, (int)ids.Gid);
    }

    /// <summary>Copies one source to <paramref name="dest"/> (a path in the container) inside the mounted rootfs.</summary>
    private static async Task CopyOneAsync(string rootfs, CopySource source, string dest, bool destIsDir, bool add, int uid, int gid, int? chmod, CancellationToken ct)
    {
        if (source.Content is not null)
        {
            string file = destIsDir ? dest.TrimEnd('/') + "/" + source.Name : dest;
            string path = PrepareTarget(rootfs, file, uid, gid);
            Remove(path); // an image's symlink there must not lead the write out of the rootfs
            await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(source.Content), ct);
            FileSystem.LChown(path, uid, gid);
            File.SetUnixFileMode(path, (UnixFileMode)(chmod ?? 0b110_100_100));
            return;
        }
        var status = FileSystem.LStat(source.Path!);
        if (status.Kind == FileKind.Directory)
        {
            string dir = PrepareTarget(rootfs, dest.TrimEnd('/') + "/.", uid, gid);
            Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
            await CopyTreeAsync(rootfs, source.Path!, dest.TrimEnd('/'), uid, gid, chmod, ct);
            return;
        }
        if (add && !source.Downloaded && status.Kind == FileKind.Regular && await IsArchiveAsync(source.Path!, ct))
        {
            string dir = RootfsPath.Resolve(rootfs, dest.TrimEnd('/'));
            PrepareTarget(rootfs, dest.TrimEnd('/') + "/.", uid, gid);
            await using var archive = File.OpenRead(source.Path!);
            await LayerExtractor.ExtractAsync(archive, dir, ct);
            return;
        }
        string existing = RootfsPath.Resolve(rootfs, dest);
        bool intoDir = destIsDir || FileSystem.TryLStat(existing)?.Kind == FileKind.Directory;
        string targetPath = intoDir ? dest.TrimEnd('/') + "/" + source.Name : dest;
        CopyEntry(source.Path!, PrepareTarget(rootfs, targetPath, uid, gid), uid, gid, chmod, ct);
    }

    private static async Task CopyTreeAsync(string rootfs, string source, string dest, int uid, int gid, int? chmod, CancellationToken ct)
    {
        string target = RootfsPath.Resolve(rootfs, dest);
        if (FileSystem.TryLStat(target)?.Kind != FileKind.Directory)
        {
            Remove(target);
            Directory.CreateDirectory(target);
        }
        var st = FileSystem.LStat(source);
        foreach (string child in Directory.EnumerateFileSystemEntries(source).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(child);
            if (FileSystem.LStat(child).Kind == FileKind.Directory)
                await CopyTreeAsync(rootfs, child, dest + "/" + name, uid, gid, chmod, ct);
            else
                CopyEntry(child, RootfsPath.Resolve(rootfs, dest + "/" + name, followLast: false), uid, gid, chmod, ct);
        }
        FileSystem.LChown(target, uid, gid);
        File.SetUnixFileMode(target, (UnixFileMode)(chmod ?? (int)(st.Permissions & 0xfff)));
        FileSystem.LUtimes(target, st.Modified, st.Modified);
    }

    private static void CopyEntry(string source, string target, int uid, int gid, int? chmod, CancellationToken ct)
    {
        var st = FileSystem.LStat(source);
        Remove(target);
        switch (st.Kind)
        {
            case FileKind.Regular:
                // The kernel copies (copy_file_range/sendfile): no trip of every byte through managed buffers.
                ct.ThrowIfCancellationRequested();
                File.Copy(source, target);
                break;
            case FileKind.Symlink:
                File.CreateSymbolicLink(target, new FileInfo(source).LinkTarget ?? "");
                FileSystem.LChown(target, uid, gid);
                return;
            default:
                return; // devices, fifos and sockets in a context are not copied
        }
        FileSystem.LChown(target, uid, gid);
        File.SetUnixFileMode(target, (UnixFileMode)(chmod ?? (int)(st.Permissions & 0xfff)));
        FileSystem.LUtimes(target, st.Modified, st.Modified);
    }

    /// <summary>Resolves a container path's parent inside the rootfs, creating missing directories (owned as the copy), and returns the host path of its last component.</summary>
    private static string PrepareTarget(string rootfs, string containerPath, int uid, int gid)
    {
        string clean = CleanPath(containerPath);
        string parent = CleanPath(clean + "/..");
        var missing = new Stack<string>();
        for (string p = parent; p != "/"; p = CleanPath(p + "/.."))
        {
            if (FileSystem.TryLStat(RootfsPath.Resolve(rootfs, p)) is not null)
                break;
            missing.Push(p);
        }
        foreach (string p in missing)
        {
            string dir = RootfsPath.Resolve(rootfs, p);
            Directory.CreateDirectory(dir);
            FileSystem.LChown(dir, uid, gid);
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }
        string resolvedParent = RootfsPath.Resolve(rootfs, parent);
        if (FileSystem.TryLStat(resolvedParent)?.Kind != FileKind.Directory)
            throw BerthException.Invalid($"failed to copy files: {parent} is not a directory");
        return Path.Combine(resolvedParent, Path.GetFileName(clean));
    }

    private static void Remove(string path)
    {
        switch (FileSystem.TryLStat(path)?.Kind)
        {
            case null: return;
            case FileKind.Directory: Directory.Delete(path, recursive: true); return;
            default: File.Delete(path); return;
        }
    }

    /// <summary>A tar, plain or compressed, recognised by its magic as Docker's ADD does.</summary>
    private static async Task<bool> IsArchiveAsync(string path, CancellationToken ct)
    {
        byte[] head = new byte[512];
        await using var file = File.OpenRead(path);
        int n = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b)
            return true;
        return n >= 262 && Encoding.ASCII.GetString(head, 257, 5) == "ustar";
    }
}
