namespace Berth.Core.Images;

/// <summary>
/// Image and container IDs as users type them: 64 lowercase hex characters, optionally
/// prefixed <c>sha256:</c> for images, or any non-empty prefix of those.
/// </summary>
public static class ObjectId
{
    /// <summary>A complete 64-hex ID, bare or (<paramref name="allowAlgorithm"/>) as <c>sha256:&lt;hex&gt;</c>.</summary>
    public static bool IsFull(string text, bool allowAlgorithm = true) =>
        HexOf(text, allowAlgorithm) is { Length: 64 } hex && Digest.IsLowerHex(hex);

    /// <summary>A full ID or a prefix of one (at least one character), to be matched against known IDs.</summary>
    public static bool IsPrefix(string text, bool allowAlgorithm = true) =>
        HexOf(text, allowAlgorithm) is { Length: >= 1 and <= 64 } hex && Digest.IsLowerHex(hex);

    /// <summary>The hex part of an ID or prefix: <c>sha256:</c> removed.</summary>
    public static string TrimAlgorithm(string text) =>
        text.StartsWith(Digest.Sha256 + ":", StringComparison.Ordinal) ? text[(Digest.Sha256.Length + 1)..] : text;

    private static string HexOf(string text, bool allowAlgorithm) => allowAlgorithm ? TrimAlgorithm(text) : text;
}
