using Berth.Core.Errors;

namespace Berth.Core.Images;

// Interim: replaced by the full grammar on the archive branch.
public sealed record ImageReference(string Domain, string Path, string? Tag, string? Digest)
{
    public static ImageReference Parse(string text)
    {
        if (text.Length == 0 || text.Any(char.IsUpper) || text.Contains(' '))
            throw BerthException.Invalid("invalid reference format");
        string? digest = null;
        int at = text.IndexOf('@');
        if (at >= 0) { digest = text[(at + 1)..]; text = text[..at]; }
        string? tag = null;
        int colon = text.LastIndexOf(':');
        if (colon > text.LastIndexOf('/')) { tag = text[(colon + 1)..]; text = text[..colon]; }
        string domain = "docker.io", path = text;
        int slash = text.IndexOf('/');
        if (slash > 0 && (text[..slash].Contains('.') || text[..slash].Contains(':') || text[..slash] == "localhost"))
        { domain = text[..slash]; path = text[(slash + 1)..]; }
        if (domain == "docker.io" && !path.Contains('/')) path = "library/" + path;
        if (tag is null && digest is null) tag = "latest";
        return new ImageReference(domain, path, tag, digest);
    }

    public string FullName => Domain + "/" + Path;
    public string FamiliarName => Domain == "docker.io" ? (Path.StartsWith("library/") ? Path[8..] : Path) : FullName;
    public string FamiliarString => FamiliarName + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
    public override string ToString() => FullName + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
}
