namespace Berth.Core.Build;

/// <summary><c>POST /build/prune</c>'s answer: the record IDs removed and the bytes freed.</summary>
public sealed record BuildCachePruneReport(IReadOnlyList<string> CachesDeleted, long SpaceReclaimed);
