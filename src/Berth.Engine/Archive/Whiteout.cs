namespace Berth.Engine.Archive;

/// <summary>
/// The two ways deletions travel. In a layer tar (OCI image spec, "Whiteouts"): an empty file
/// <c>.wh.&lt;name&gt;</c> hides <c>name</c> from the layers below, and <c>.wh..wh..opq</c>
/// hides all of its directory's lower contents. In an overlayfs upper/diff directory: a
/// character device 0/0 named <c>name</c>, and the xattr <c>trusted.overlay.opaque=y</c>.
/// </summary>
internal static class Whiteout
{
    public const string Prefix = ".wh.";
    public const string OpaqueMarker = ".wh..wh..opq";
    public const string OpaqueXattr = "trusted.overlay.opaque";

    /// <summary>overlayfs keeps its own bookkeeping here; it never travels in a layer.</summary>
    public const string OverlayXattrPrefix = "trusted.overlay.";

    public static bool IsOverlayXattr(string name) => name.StartsWith(OverlayXattrPrefix, StringComparison.Ordinal);
}
