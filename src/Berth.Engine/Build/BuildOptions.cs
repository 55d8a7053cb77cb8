using Berth.Core.Distribution;

namespace Berth.Engine.Build;

/// <summary>
/// What <c>POST /build</c> asks for, as the engine needs it: tags (normalised references), the
/// Dockerfile's path in the context, build args (a null value: take it from nowhere, as
/// <c>--build-arg NAME</c> with NAME unset), the target stage, labels for the final image, and how
/// RUN containers are made and cleaned up.
/// </summary>
public sealed record BuildOptions
{
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string Dockerfile { get; init; } = "Dockerfile";
    public IReadOnlyDictionary<string, string?> BuildArgs { get; init; } = new Dictionary<string, string?>();
    public string? Target { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public bool NoCache { get; init; }
    public bool Quiet { get; init; }
    /// <summary>Remove intermediate containers after a successful step (the API's <c>rm</c>, default true).</summary>
    public bool Remove { get; init; } = true;
    /// <summary>Remove them even after a failed step.</summary>
    public bool ForceRemove { get; init; }
    public string? NetworkMode { get; init; }
    public IReadOnlyList<string> ExtraHosts { get; init; } = [];
    /// <summary>Pull FROM images even when present (<c>--pull</c>).</summary>
    public bool Pull { get; init; }
    /// <summary>Images whose history steps may stand in for cache hits (<c>--cache-from</c>).</summary>
    public IReadOnlyList<string> CacheFrom { get; init; } = [];
    /// <summary>Credentials by registry (the <c>X-Registry-Config</c> header), for <see cref="Pull"/>.</summary>
    public IReadOnlyDictionary<string, RegistryCredentials> RegistryAuths { get; init; } = new Dictionary<string, RegistryCredentials>();
}
