namespace Berth.Linux.Runc;

/// <summary>
/// What <c>runc exec</c> would give an exec's process, worked out by berthd from runc's state
/// of the container and the exec's process spec, for <see cref="DirectExec"/> to apply.
/// </summary>
public sealed record DirectExecOptions
{
    /// <summary>The container's init: its namespaces are the ones joined.</summary>
    public required int InitPid { get; init; }

    /// <summary>Every cgroup directory of the container (each v1 hierarchy and the unified one).</summary>
    public required IReadOnlyList<string> Cgroups { get; init; }

    /// <summary>The container's seccomp filter as <see cref="DirectExec.TryDumpSeccomp"/> wrote it; null for none.</summary>
    public string? SeccompFile { get; init; }

    /// <summary>The session keyring to join (<c>_ses.&lt;id&gt;</c>); null when the container keeps the caller's.</summary>
    public string? SessionKeyring { get; init; }

    public int? OomScoreAdj { get; init; }

    /// <summary>(resource number, soft, hard).</summary>
    public IReadOnlyList<(int Resource, ulong Soft, ulong Hard)> Rlimits { get; init; } = [];

    public bool NoNewPrivileges { get; init; }

    /// <summary>Bounding, effective, permitted, inheritable, ambient sets as bit masks; null leaves them as they are.</summary>
    public (ulong Bounding, ulong Effective, ulong Permitted, ulong Inheritable, ulong Ambient)? Capabilities { get; init; }

    public uint Uid { get; init; }

    public uint Gid { get; init; }

    public IReadOnlyList<uint> AdditionalGids { get; init; } = [];

    public string? Cwd { get; init; }

    public uint? Umask { get; init; }

    /// <summary>(rows, columns) of the terminal made for a terminal exec.</summary>
    public (int Rows, int Columns)? ConsoleSize { get; init; }

    public required IReadOnlyList<string> Env { get; init; }

    public required IReadOnlyList<string> Args { get; init; }
}
