namespace Berth.Client;

/// <summary>The query of <c>POST /build</c>, as the docker CLI fills it.</summary>
public sealed record BuildRequest
{
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Dockerfile { get; init; }
    public IReadOnlyDictionary<string, string?> BuildArgs { get; init; } = new Dictionary<string, string?>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string? Target { get; init; }
    public bool NoCache { get; init; }
    public bool Pull { get; init; }
    public IReadOnlyList<string> CacheFrom { get; init; } = [];
    public bool Quiet { get; init; }
    public bool ForceRemove { get; init; }
    public string? NetworkMode { get; init; }
    public IReadOnlyList<string> ExtraHosts { get; init; } = [];
    /// <summary>A URL the daemon fetches the context from (no body then).</summary>
    public string? Remote { get; init; }
}
