using System.Security.Cryptography;
using Berth.Core.Errors;

namespace Berth.Core.Images;

/// <summary>
/// A content digest, <c>sha256:&lt;64 lowercase hex&gt;</c>: the only algorithm Berth computes.
/// Validation follows go-digest, so errors read as Docker's do.
/// </summary>
public sealed record Digest
{
    public const string Sha256 = "sha256";

    private Digest(string hex) => Hex = hex;

    /// <summary>The 64 lowercase hex characters after <c>sha256:</c>.</summary>
    public string Hex { get; }

    public string Algorithm => Sha256;

    public static Digest Parse(string text) =>
        TryParse(text, out var digest, out string? error) ? digest : throw BerthException.Invalid(error);

    public static bool TryParse(string text, out Digest digest) => TryParse(text, out digest, out _);

    /// <summary>A digest from just its hex part (as in <c>blobs/sha256/&lt;hex&gt;</c>).</summary>
    public static Digest FromHex(string hex) => Parse(Sha256 + ":" + hex);

    public static Digest FromBytes(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)));

    /// <summary>Reads the stream to its end.</summary>
    public static async Task<Digest> FromStreamAsync(Stream stream, CancellationToken ct) =>
        new(Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct)));

    /// <summary>From a finished hash, e.g. an <see cref="IncrementalHash"/>'s.</summary>
    public static Digest FromHash(ReadOnlySpan<byte> sha256) =>
        sha256.Length == 32 ? new(Convert.ToHexStringLower(sha256)) : throw new ArgumentException("not a SHA-256 hash", nameof(sha256));

    public override string ToString() => Sha256 + ":" + Hex;

    public static implicit operator string(Digest digest) => digest.ToString();

    private static bool TryParse(string text, out Digest digest, out string error)
    {
        digest = null!;
        int colon = text.IndexOf(':');
        if (colon <= 0 || colon + 1 == text.Length)
        {
            error = "invalid checksum digest format";
            return false;
        }
        if (text[..colon] != Sha256)
        {
            error = "unsupported digest algorithm";
            return false;
        }
        string hex = text[(colon + 1)..];
        if (hex.Length != 64)
        {
            error = "invalid checksum digest length";
            return false;
        }
        if (!IsLowerHex(hex))
        {
            error = "invalid checksum digest format";
            return false;
        }
        digest = new Digest(hex);
        error = "";
        return true;
    }

    internal static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
                return false;
        return true;
    }
}
