using Berth.Core.Distribution;
using Berth.Core.Errors;

namespace Berth.Engine.Registry;

/// <summary>The distribution spec's error codes, as the built-in registry answers them (status and code).</summary>
public static class OciErrors
{
    public static RegistryException NameInvalid(string name) => New(ErrorKind.InvalidArgument, "NAME_INVALID", $"invalid repository name: {name}", 400);
    public static RegistryException NameUnknown(string name) => New(ErrorKind.NotFound, RegistryException.NameUnknown, $"repository name not known to registry: {name}", 404);
    public static RegistryException ManifestUnknown(string reference) => New(ErrorKind.NotFound, RegistryException.ManifestUnknown, $"manifest unknown: {reference}", 404);
    public static RegistryException ManifestInvalid(string why) => New(ErrorKind.InvalidArgument, "MANIFEST_INVALID", "manifest invalid: " + why, 400);
    public static RegistryException ManifestBlobUnknown(string digest) => New(ErrorKind.InvalidArgument, "MANIFEST_BLOB_UNKNOWN", $"blob unknown to registry: {digest}", 400);
    public static RegistryException TagInvalid(string tag) => New(ErrorKind.InvalidArgument, "TAG_INVALID", $"manifest tag did not match URI: {tag}", 400);
    public static RegistryException BlobUnknown(string digest) => New(ErrorKind.NotFound, RegistryException.BlobUnknown, $"blob unknown to registry: {digest}", 404);
    public static RegistryException UploadUnknown(string id) => New(ErrorKind.NotFound, "BLOB_UPLOAD_UNKNOWN", $"blob upload unknown to registry: {id}", 404);
    public static RegistryException UploadInvalid(string why) => New(ErrorKind.InvalidArgument, "BLOB_UPLOAD_INVALID", "blob upload invalid: " + why, 400);
    public static RegistryException DigestInvalid(string why) => New(ErrorKind.InvalidArgument, "DIGEST_INVALID", "provided digest did not match uploaded content: " + why, 400);
    public static RegistryException SizeInvalid(string why) => New(ErrorKind.InvalidArgument, "SIZE_INVALID", "provided length did not match content length: " + why, 400);
    public static RegistryException RangeInvalid(long size) => New(ErrorKind.InvalidArgument, "BLOB_UPLOAD_INVALID", $"the chunk does not start at the upload's end ({size})", 416);
    public static RegistryException TooLarge(string what, long limit) => New(ErrorKind.InvalidArgument, "SIZE_INVALID", $"{what} is larger than {limit} bytes", 413);
    public static RegistryException TooManyRequests(string why) => New(ErrorKind.Unavailable, "TOOMANYREQUESTS", why, 429);
    public static RegistryException Unauthorized() => New(ErrorKind.Unauthorized, RegistryException.Unauthorized, "authentication required", 401);
    public static RegistryException Unsupported(string why) => New(ErrorKind.NotImplemented, "UNSUPPORTED", why, 400);

    private static RegistryException New(ErrorKind kind, string code, string message, int status) => new(kind, code, message, status);
}
