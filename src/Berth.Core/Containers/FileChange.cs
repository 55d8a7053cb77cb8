namespace Berth.Core.Containers;

/// <summary>One line of <c>docker diff</c>: an absolute path in the container and what happened to it.</summary>
public sealed record FileChange(string Path, ChangeKind Kind);
