namespace Berth.Core.Containers;

/// <summary><c>--ulimit</c>: an rlimit by Docker's name (nofile, nproc...) with its soft and hard values.</summary>
public sealed record Ulimit
{
    public string Name { get; set; } = "";
    public long Soft { get; init; }
    public long Hard { get; init; }
}
