namespace Berth.Engine.Containers;

/// <summary>What a prune removed (IDs or names) and how many bytes that freed.</summary>
public sealed record PruneReport(IReadOnlyList<string> Deleted, long SpaceReclaimed);
