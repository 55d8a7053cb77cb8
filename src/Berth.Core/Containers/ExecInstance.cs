namespace Berth.Core.Containers;

/// <summary>
/// An exec instance (<c>docker exec</c>): created, then started once. Kept in memory only,
/// as Docker does: exec instances do not survive the daemon.
/// </summary>
public sealed class ExecInstance
{
    public required string Id { get; init; }
    public required string ContainerId { get; init; }
    public required IReadOnlyList<string> Cmd { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    public string User { get; init; } = "";
    public string WorkingDir { get; init; } = "";
    public bool Tty { get; init; }
    /// <summary>The terminal's initial [height, width] (API 1.42+).</summary>
    public int[]? ConsoleSize { get; init; }
    public bool AttachStdin { get; init; }
    public bool AttachStdout { get; init; }
    public bool AttachStderr { get; init; }
    public bool Privileged { get; init; }
    /// <summary>The detach sequence given at create (see <see cref="Containers.DetachKeys"/>); empty for the default.</summary>
    public byte[] DetachKeys { get; init; } = [];

    public bool Running { get; set; }
    public bool Started { get; set; }
    public int? ExitCode { get; set; }
    public int Pid { get; set; }
}
