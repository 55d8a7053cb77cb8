using Berth.Core.Images;

namespace Berth.Engine.Images;

/// <summary><c>docker history</c>'s input: the image (its config holds the history) and each layer's size, bottom first.</summary>
public sealed record ImageHistory(Image Image, IReadOnlyList<long> LayerSizes);
