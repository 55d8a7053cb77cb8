namespace Berth.Engine.Services;

/// <summary>The engine's and the host's facts <c>docker info</c> reports.</summary>
public sealed record SystemInfo
{
    public required string Id { get; init; }
    public required int Containers { get; init; }
    public required int ContainersRunning { get; init; }
    public required int ContainersPaused { get; init; }
    public required int Images { get; init; }
    public required int OpenFiles { get; init; }
    public required int Threads { get; init; }
    public required string CgroupVersion { get; init; }
    public required string KernelVersion { get; init; }
    public required string OperatingSystem { get; init; }
    public required long MemTotal { get; init; }
    public required string Hostname { get; init; }
    public required string DataRoot { get; init; }
}
