using Berth.Core.Images;

namespace Berth.Engine.Images;

/// <summary>A row of <c>docker images</c>: the image and how many containers were created from it.</summary>
public sealed record ImageSummary(Image Image, int Containers);
