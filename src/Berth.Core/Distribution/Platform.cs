using Berth.Core.Errors;

namespace Berth.Core.Distribution;

/// <summary>
/// <c>os/architecture[/variant]</c> as in an index entry and in <c>--platform</c>; the default
/// is the daemon's own, linux/amd64. Parsing normalises as containerd's platforms package does
/// for the common aliases (<c>x86_64</c>, <c>aarch64</c>, <c>arm64/v8</c>).
/// </summary>
public sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    public static readonly Platform Default = new("linux", "amd64");

    public static Platform Parse(string text)
    {
        string[] parts = text.ToLowerInvariant().Split('/');
        if (parts.Length is < 1 or > 3 || parts.Any(p => p.Length == 0))
            throw BerthException.Invalid($"\"{text}\": unknown operating system or architecture: invalid argument");
        if (parts.Length == 1)
            return parts[0] == "linux" ? Default : throw BerthException.Invalid($"\"{text}\": unknown operating system or architecture: invalid argument");
        string arch = parts[1] switch { "x86_64" or "x86-64" => "amd64", "aarch64" => "arm64", "i386" => "386", var a => a };
        string? variant = parts.Length == 3 ? parts[2] : null;
        if (arch == "arm64" && variant == "v8")
            variant = null;
        return new Platform(parts[0], arch, variant);
    }

    /// <summary>Whether an index entry for <paramref name="candidate"/> serves this platform.</summary>
    public bool Matches(Platform candidate) =>
        candidate.Os == Os && candidate.Architecture == Architecture
        && (Variant is null || candidate.Variant == Variant || (Architecture == "arm64" && Variant == "v8" && candidate.Variant is null));

    public override string ToString() => Os + "/" + Architecture + (Variant is null ? "" : "/" + Variant);
}
