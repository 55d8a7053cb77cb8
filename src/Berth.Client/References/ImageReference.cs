using System.Text.RegularExpressions;

namespace Berth.Client.References;

/// <summary>
/// A normalized image reference, as docker's distribution/reference package models it:
/// <c>busybox</c> is <c>docker.io/library/busybox</c>; the "familiar" form strips those defaults.
/// </summary>
public sealed partial record ImageReference(string Domain, string Path, string? Tag, string? Digest)
{
    public const string DefaultDomain = "docker.io";
    public const string DefaultTag = "latest";

    /// <summary>Full name without tag or digest: <c>docker.io/library/busybox</c>.</summary>
    public string Name => Domain + "/" + Path;

    /// <summary>Short name: <c>busybox</c>, <c>user/app</c>, <c>localhost:5000/app</c>.</summary>
    public string FamiliarName
    {
        get
        {
            if (Domain != DefaultDomain)
            {
                return Name;
            }

            return Path.StartsWith("library/", StringComparison.Ordinal) && Path.IndexOf('/', 8) < 0 ? Path[8..] : Path;
        }
    }

    /// <summary>Familiar name with tag and digest: <c>busybox:latest</c>.</summary>
    public string FamiliarString => FamiliarName + (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);

    /// <summary>docker's TagNameOnly: adds <c>:latest</c> when neither tag nor digest was given.</summary>
    public ImageReference WithDefaultTag() => Tag is null && Digest is null ? this with { Tag = DefaultTag } : this;

    public static bool TryParse(string text, out ImageReference reference)
    {
        try
        {
            reference = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            reference = null!;
            return false;
        }
    }

    /// <summary>ParseNormalizedNamed; throws <see cref="FormatException"/> with docker's messages.</summary>
    public static ImageReference Parse(string text)
    {
        if (text.Length == 0 || text.Length > 255 && !text.Contains('@'))
        {
            throw new FormatException("invalid reference format");
        }

        string? digest = null;
        var at = text.IndexOf('@');
        var remainder = text;
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            remainder = text[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                throw new FormatException("invalid reference format");
            }
        }

        string? tag = null;
        var colon = remainder.LastIndexOf(':');
        if (colon > remainder.LastIndexOf('/'))
        {
            tag = remainder[(colon + 1)..];
            remainder = remainder[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                throw new FormatException("invalid reference format");
            }
        }

        var (domain, path) = SplitDomain(remainder);
        if (path.Any(char.IsUpper))
        {
            throw new FormatException($"invalid reference format: repository name ({path}) must be lowercase");
        }

        if (!PathPattern().IsMatch(path) || !DomainPattern().IsMatch(domain))
        {
            throw new FormatException("invalid reference format");
        }

        return new ImageReference(domain, path, tag, digest);
    }

    private static (string Domain, string Path) SplitDomain(string name)
    {
        var slash = name.IndexOf('/');
        if (slash < 0)
        {
            return (DefaultDomain, "library/" + name);
        }

        var first = name[..slash];
        if (first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsUpper))
        {
            var domain = first == "index.docker.io" ? DefaultDomain : first;
            var path = name[(slash + 1)..];
            return (domain, domain == DefaultDomain && !path.Contains('/') ? "library/" + path : path);
        }

        return (DefaultDomain, name);
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex("^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^[\\w][\\w.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")]
    private static partial Regex DigestPattern();
}
