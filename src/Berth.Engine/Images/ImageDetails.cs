using Berth.Core.Images;

namespace Berth.Engine.Images;

/// <summary>
/// An image with what <c>docker image inspect</c> shows beside its record: its top layer's
/// directory and those below it (top first), or none for an image without layers.
/// </summary>
public sealed record ImageDetails(Image Image, string? UpperDir, IReadOnlyList<string> LowerDirs);
