namespace Berth.Core.Containers;

/// <summary>What happened to a path of a container's filesystem, with Docker's numbers (<c>docker diff</c>'s C, A, D).</summary>
public enum ChangeKind
{
    Modified = 0,
    Added = 1,
    Deleted = 2,
}
