using Berth.Core.Build;
using Berth.Linux.Files;

namespace Berth.Engine.Build;

/// <summary>
/// What a build context holds, read from its tar as it streams in: per path its kind, mode, link
/// target and the SHA-256 of its content, so COPY's cache checksum needs no extracted files and a
/// fully cached build no disk work. Paths are relative to the context root (<c>""</c> is the root);
/// parents a tar leaves out are directories, as the extractor makes them. A tar the extractor
/// would not reproduce as indexed (a file under a symlink, a hardlink to nothing, a directory
/// replaced by a file) marks the index <see cref="Exact"/> false, and the build reads the disk.
/// </summary>
internal sealed class ContextIndex : ISourceTree
{
    private sealed record Node(FileKind Kind, uint Permissions, byte[]? Hash, string? Link)
    {
        public SortedSet<string>? Children { get; init; }
    }

    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal)
    {
        [""] = new Node(FileKind.Directory, 0b111_101_101, null, null) { Children = new(StringComparer.Ordinal) },
    };

    public bool Exact { get; private set; } = true;

    public void MarkInexact() => Exact = false;

    public void AddDirectory(string path, uint permissions)
    {
        if (_nodes.TryGetValue(path, out var existing))
        {
            if (existing.Kind != FileKind.Directory)
            {
                Exact = false;
                return;
            }
            _nodes[path] = existing with { Permissions = permissions & 0xfff };
            return;
        }
        Add(path, new Node(FileKind.Directory, permissions & 0xfff, null, null) { Children = new(StringComparer.Ordinal) });
    }

    public void AddFile(string path, FileKind kind, uint permissions, byte[]? hash, string? link) =>
        Add(path, new Node(kind, permissions & 0xfff, hash, link));

    /// <summary>A hardlink: the same file again under another name.</summary>
    public void AddLink(string path, string target)
    {
        if (_nodes.TryGetValue(target, out var node) && node.Kind == FileKind.Regular && !UnderSymlink(target))
            Add(path, node);
        else
            Exact = false;
    }

    private void Add(string path, Node node)
    {
        if (_nodes.TryGetValue(path, out var existing) && existing.Kind == FileKind.Directory)
        {
            Exact = false; // the extractor refuses to replace a directory by a file
            return;
        }
        string parent = Parent(path);
        if (!_nodes.TryGetValue(parent, out var dir))
        {
            AddDirectory(parent, 0b111_101_101);
            dir = _nodes[parent];
        }
        if (dir.Kind != FileKind.Directory)
        {
            Exact = false; // under a symlink or a file: the extractor refuses it
            return;
        }
        dir.Children!.Add(path);
        _nodes[path] = node;
    }

    /// <summary>Drops what <c>.dockerignore</c> excludes, exactly as the extracted context is pruned.</summary>
    public void Prune(IgnorePatterns patterns) => Prune("", patterns);

    private void Prune(string dir, IgnorePatterns patterns)
    {
        foreach (string path in _nodes[dir].Children!.ToList())
        {
            bool excluded = patterns.Excludes(path);
            bool isDir = _nodes[path].Kind == FileKind.Directory;
            if (isDir && (!excluded || patterns.HasExceptions))
            {
                Prune(path, patterns);
                if (excluded && _nodes[path].Children!.Count == 0)
                    Remove(path);
            }
            else if (excluded)
            {
                Remove(path);
            }
        }
    }

    private void Remove(string path)
    {
        if (_nodes.Remove(path, out var node) && node.Children is { } children)
            foreach (string child in children.ToList())
                Remove(child);
        _nodes[Parent(path)].Children!.Remove(path);
    }

    /// <summary>Whether the path is present and none of its components is a symlink (a path through one is resolved on disk).</summary>
    public bool Resolvable(string relative)
    {
        for (string p = relative; p.Length > 0; p = Parent(p))
            if (!_nodes.TryGetValue(p, out var node) || node.Kind == FileKind.Symlink)
                return false;
        return true;
    }

    private bool UnderSymlink(string path)
    {
        for (string p = Parent(path); p.Length > 0; p = Parent(p))
            if (_nodes.TryGetValue(p, out var node) && node.Kind == FileKind.Symlink)
                return true;
        return false;
    }

    private static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    public (FileKind Kind, uint Permissions)? Stat(string path) => _nodes.TryGetValue(path, out var node) ? (node.Kind, node.Permissions) : null;

    public byte[] ContentHash(string path) => _nodes[path].Hash ?? [];

    public string LinkTarget(string path) => _nodes[path].Link ?? "";

    public IEnumerable<string> Children(string path) => _nodes[path].Children ?? [];
}
