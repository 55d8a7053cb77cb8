using Berth.Core.Errors;

namespace Berth.Engine.Archive;

/// <summary>
/// What <see cref="System.Formats.Tar.TarReader"/> throws for bytes that are not a tar it
/// can read — a truncated stream, a header field out of range (a PAX <c>mtime</c> or
/// <c>uid</c> past 64 bits), an entry type it does not handle (GNU sparse files) — and what
/// the zstd decoder throws for a corrupt frame, so every reader of untrusted archives turns
/// them into the same client error.
/// </summary>
internal static class MalformedTar
{
    public static bool Is(Exception e) =>
        e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException
            or NotSupportedException or OverflowException or ZstdSharp.ZstdException;

    /// <summary>The error for the client, worded as Go's archive/tar where dockerd says the same.</summary>
    public static BerthException Error(string what, Exception e) => BerthException.Invalid(e switch
    {
        OverflowException => $"{what}: archive/tar: invalid tar header",
        _ => $"{what}: {e.Message}",
    });
}
