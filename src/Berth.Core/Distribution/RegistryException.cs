using Berth.Core.Errors;

namespace Berth.Core.Distribution;

/// <summary>
/// An error a registry answered with, carrying its distribution-spec code
/// (<c>MANIFEST_UNKNOWN</c>, <c>UNAUTHORIZED</c>, <c>DENIED</c>, ...) so pull and push can
/// word it as Docker does. The message reads as Go's errcode.Error: <c>manifest unknown: manifest unknown</c>.
/// </summary>
public sealed class RegistryException(ErrorKind kind, string code, string message, int status)
    : BerthException(kind, message)
{
    public const string ManifestUnknown = "MANIFEST_UNKNOWN";
    public const string NameUnknown = "NAME_UNKNOWN";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Denied = "DENIED";
    public const string BlobUnknown = "BLOB_UNKNOWN";

    public string Code { get; } = code;
    /// <summary>The HTTP status of the registry's answer.</summary>
    public int Status { get; } = status;
}
