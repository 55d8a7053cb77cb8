namespace Berth.Engine.Build;

/// <summary>One build in progress: its options, output, context, step counter, finished stages and which build args were used.</summary>
internal sealed class BuildRun(BuildOptions options, IBuildOutput output, BuildContext context, ShellWords words, BuildCache cache)
{
    public BuildOptions Options { get; } = options;
    public IBuildOutput Output { get; } = output;
    /// <summary>The context: its index, its files once a step needs them.</summary>
    public BuildContext Context { get; } = context;
    public ShellWords Words { get; } = words;
    public BuildCache Cache { get; } = cache;
    public int Total { get; set; }
    public int Step { get; private set; }
    /// <summary>Finished stages by their position in the Dockerfile (<c>--from=0</c>); skipped stages are absent.</summary>
    public Dictionary<int, BuildStage> Finished { get; } = [];
    /// <summary>Finished stages by lower-case name.</summary>
    public Dictionary<string, BuildStage> Stages { get; } = new(StringComparer.Ordinal);
    /// <summary>Cache keys this build has hit or written: in use while it runs.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, byte> UsedKeys { get; } = new(StringComparer.Ordinal);
    /// <summary>The <c>--cache-from</c> images present, with their configs; resolved at the first cache miss.</summary>
    public List<(Berth.Core.Images.Image Image, System.Text.Json.Nodes.JsonObject Config)>? CacheSources { get; set; }
    public HashSet<string> UsedArgs { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string?> Globals { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The build arg SOURCE_DATE_EPOCH: image and history times, clamped file times, no container IDs in the config.</summary>
    public DateTimeOffset? Epoch { get; } = options.BuildArgs.TryGetValue("SOURCE_DATE_EPOCH", out string? epoch) && long.TryParse(epoch, out long seconds)
        ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>A step's cache key; a reproducible build never reuses steps of ordinary ones.</summary>
    public string CacheKey(string? parentId, Berth.Core.Containers.ContainerConfig probe) =>
        BuildCache.Key(parentId, probe) + (Epoch is { } e ? "-" + e.ToUnixTimeSeconds() : "");

    /// <summary>Times the build's phases for the debug log; each phase is named after its step.</summary>
    public Berth.Engine.Containers.PhaseTimer? Timer { get; init; }

    public void Mark(string phase) => Timer?.Mark(Step + "." + phase);

    public Task StepAsync(Instruction ins, CancellationToken ct) =>
        Output.StreamAsync($"Step {++Step}/{Total} : {ins.Original}\n", ct);
}
