using System.Text.RegularExpressions;
using Berth.Core.Errors;

namespace Berth.Core.Images;

/// <summary>
/// An image reference in Docker's grammar (distribution/reference), normalised as Docker
/// does: <c>busybox</c> is <c>docker.io/library/busybox:latest</c>. The familiar forms drop
/// those defaults again for display. A reference may carry a tag, a digest, or both.
/// </summary>
public sealed partial record ImageReference
{
    public const string DefaultDomain = "docker.io";
    public const string DefaultTag = "latest";
    private const string LegacyDefaultDomain = "index.docker.io";
    private const string OfficialRepoPrefix = "library/";
    private const int NameTotalLengthMax = 255;

    private ImageReference(string domain, string path, string? tag, Digest? digest) =>
        (Domain, Path, Tag, Digest) = (domain, path, tag, digest);

    /// <summary><c>docker.io</c>, <c>localhost:5000</c>, <c>[::1]:5000</c>.</summary>
    public string Domain { get; }
    /// <summary>The repository path within the domain: <c>library/busybox</c>.</summary>
    public string Path { get; }
    public string? Tag { get; }
    public Digest? Digest { get; }

    /// <summary><c>docker.io/library/busybox</c>.</summary>
    public string FullName => Domain + "/" + Path;

    /// <summary><c>busybox</c>, <c>team/app</c>, <c>localhost:5000/app</c>.</summary>
    public string FamiliarName =>
        Domain != DefaultDomain ? FullName
        : Path.StartsWith(OfficialRepoPrefix, StringComparison.Ordinal) && Path.IndexOf('/', OfficialRepoPrefix.Length) < 0 ? Path[OfficialRepoPrefix.Length..]
        : Path;

    /// <summary><c>busybox:latest</c>.</summary>
    public string FamiliarString => FamiliarName + Suffix;

    /// <summary><c>docker.io/library/busybox:latest</c>.</summary>
    public override string ToString() => FullName + Suffix;

    private string Suffix => (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses and normalises; <c>:latest</c> is added when there is neither tag nor digest.</summary>
    public static ImageReference Parse(string text) => WithDefaultTag(ParseNamed(text));

    /// <summary>
    /// Docker's <c>ParseNormalizedNamed</c>: normalised, but no default tag (a bare
    /// repository name, as in filters or <c>pull --all-tags</c>).
    /// </summary>
    public static ImageReference ParseNamed(string text)
    {
        if (IdentifierPattern().IsMatch(text))
            throw BerthException.Invalid($"invalid repository name ({text}), cannot specify 64-byte hexadecimal strings");
        var (domain, remainder) = SplitDockerDomain(text);
        int colon = remainder.IndexOf(':');
        string remote = colon >= 0 ? remainder[..colon] : remainder;
        if (remote.ToLowerInvariant() != remote)
            throw BerthException.Invalid($"invalid reference format: repository name ({remote}) must be lowercase");
        return ParseCanonical(domain + "/" + remainder);
    }

    public static bool TryParse(string text, out ImageReference reference) => TryWith(Parse, text, out reference);

    /// <summary><see cref="ParseNamed"/> without throwing: no default tag is added.</summary>
    public static bool TryParseNamed(string text, out ImageReference reference) => TryWith(ParseNamed, text, out reference);

    private static bool TryWith(Func<string, ImageReference> parse, string text, out ImageReference reference)
    {
        try
        {
            reference = parse(text);
            return true;
        }
        catch (BerthException)
        {
            reference = null!;
            return false;
        }
    }

    /// <summary>This reference with <c>:latest</c> if it has neither tag nor digest (Docker's TagNameOnly).</summary>
    public static ImageReference WithDefaultTag(ImageReference r) =>
        r.Tag is null && r.Digest is null ? new(r.Domain, r.Path, DefaultTag, null) : r;

    /// <summary>This reference without its tag (kept: the digest), as pulling by digest needs.</summary>
    public ImageReference WithoutTag() => new(Domain, Path, null, Digest);

    /// <summary>This reference without its digest (kept: the tag), as <c>ps</c> shows images.</summary>
    public ImageReference WithoutDigest() => new(Domain, Path, Tag, null);

    private static (string Domain, string Remainder) SplitDockerDomain(string name)
    {
        int slash = name.IndexOf('/');
        string domain, remainder;
        if (slash < 0 || (name[..slash].IndexOfAny(['.', ':']) < 0 && name[..slash] != "localhost" && name[..slash].ToLowerInvariant() == name[..slash]))
            (domain, remainder) = (DefaultDomain, name);
        else
            (domain, remainder) = (name[..slash], name[(slash + 1)..]);
        if (domain == LegacyDefaultDomain)
            domain = DefaultDomain;
        if (domain == DefaultDomain && !remainder.Contains('/'))
            remainder = OfficialRepoPrefix + remainder;
        return (domain, remainder);
    }

    /// <summary>The grammar proper, on an already fully-qualified name.</summary>
    private static ImageReference ParseCanonical(string text)
    {
        var match = ReferencePattern().Match(text);
        if (!match.Success)
            throw BerthException.Invalid(ReferencePattern().IsMatch(text.ToLowerInvariant())
                ? "repository name must be lowercase" : "invalid reference format");
        string name = match.Groups[1].Value;
        if (name.Length > NameTotalLengthMax)
            throw BerthException.Invalid($"repository name must not be more than {NameTotalLengthMax} characters");
        var parts = NamePattern().Match(name);
        string? tag = match.Groups[2].Success ? match.Groups[2].Value : null;
        Digest? digest = match.Groups[3].Success ? Images.Digest.Parse(match.Groups[3].Value) : null;
        return new ImageReference(parts.Groups[1].Value, parts.Groups[2].Value, tag, digest);
    }

    // distribution/reference's regexp.go, with Go's ASCII \w spelled out and \z for $.
    private const string DomainAndPort =
        @"(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[(?:[a-fA-F0-9:]+)\])(?::[0-9]+)?";
    private const string RemoteName = @"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*";
    private const string TagText = @"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private const string DigestText = @"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    [GeneratedRegex(@"^((?:" + DomainAndPort + "/)?" + RemoteName + ")(?::(" + TagText + "))?(?:@(" + DigestText + @"))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"^(?:(" + DomainAndPort + ")/)?(" + RemoteName + @")\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-f0-9]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
