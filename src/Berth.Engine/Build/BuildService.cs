using System.Text.Json;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Snapshots;
using Berth.Engine.Containers;
using Berth.Engine.Distribution;
using Berth.Engine.Images;
using Berth.Engine.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Engine.Build;

/// <summary>
/// Docker's classic builder (<c>POST /build</c>): the context is unpacked, the Dockerfile parsed,
/// and each stage up to the target dispatched one instruction after another, printing
/// <c>Step N/M : ...</c> and <c> ---&gt; ID</c> as Docker does. RUN runs in a container through
/// the container service's create/start/wait path; every step commits through the image
/// service's one commit path; steps are cached by <see cref="BuildCache"/>.
/// <code>
///   extract context → parse → for each stage: FROM → steps (cache probe → run/copy → commit) → aux ID
///   → "Successfully built" → tags
/// </code>
/// </summary>
public sealed partial class BuildService(DaemonPaths paths, ContainerService containers, ImageService imageService, IImageStore images,
    ISnapshotter snapshots, DistributionService distribution, ILogger<BuildService>? log = null)
{
    private readonly ILogger _log = (ILogger?)log ?? NullLogger.Instance;

    private const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Args every build may be given without an ARG (Docker's predefined proxy args).</summary>
    private static readonly HashSet<string> s_predefined =
    [
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "SOURCE_DATE_EPOCH",
    ];

    private static readonly Dictionary<string, string?> s_platformArgs = new()
    {
        ["TARGETPLATFORM"] = "linux/amd64", ["TARGETOS"] = "linux", ["TARGETARCH"] = "amd64", ["TARGETVARIANT"] = "",
        ["BUILDPLATFORM"] = "linux/amd64", ["BUILDOS"] = "linux", ["BUILDARCH"] = "amd64", ["BUILDVARIANT"] = "",
    };

    private string BuilderDir => Path.Combine(paths.DataRoot, "builder");

    private string CacheDir => Path.Combine(BuilderDir, "cache");

    /// <summary>Contexts being built and markers of bare layers in use; nothing there outlives a build.</summary>
    private string TempDir => Path.Combine(BuilderDir, "tmp");

    /// <summary>
    /// At daemon start: what builds cut short by a crash left (spooled and unpacked contexts, mounted bare
    /// layers) is removed. Intermediate containers stay, as Docker keeps them.
    /// </summary>
    public void RemoveLeftovers()
    {
        if (!Directory.Exists(TempDir))
            return;
        foreach (string entry in Directory.EnumerateFileSystemEntries(TempDir))
        {
            string name = Path.GetFileName(entry);
            if (name.StartsWith("layer-", StringComparison.Ordinal))
            {
                snapshots.RemoveContainer(name["layer-".Length..]);
                File.Delete(entry);
            }
            else if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry); // a context's spool
            }
        }
    }

    /// <summary>Builds the context (the body, or <paramref name="remote"/>'s URL); returns the image ID. A failed step throws after its output was reported.</summary>
    public async Task<string> BuildAsync(Stream body, string? remote, BuildOptions options, IBuildOutput output, CancellationToken ct)
    {
        foreach (string tag in options.Tags)
            ImageService.ParseTarget(tag, null); // refuse a bad name before any work
        var timer = new PhaseTimer(_log, options.Tags.Count > 0 ? options.Tags[0] : "-", ContainerNames.NewId()[..12], "build");
        try
        {
            return await BuildTimedAsync(body, remote, options, output, timer, ct);
        }
        finally
        {
            timer.Log();
        }
    }

    private async Task<string> BuildTimedAsync(Stream body, string? remote, BuildOptions options, IBuildOutput output, PhaseTimer timer, CancellationToken ct)
    {
        await using var contextTar = await OpenContextAsync(body, remote, options.Dockerfile, ct);
        using var context = await BuildContext.ReceiveAsync(contextTar, TempDir, options.Dockerfile, unpackNow: options.NoCache, ct);
        timer.Mark("context");
        // An empty file is refused by the name it was asked by, before it is parsed, as dockerd words it.
        if (context.DockerfileText.Length == 0)
            throw BerthException.Invalid($"the Dockerfile ({(string.IsNullOrEmpty(options.Dockerfile) ? "Dockerfile" : options.Dockerfile)}) cannot be empty");
        var file = DockerfileParser.Parse(context.DockerfileText);
        var words = new ShellWords(file.Escape);

        // ARGs before the first FROM are the global scope, usable in FROM lines.
        var meta = file.Instructions.TakeWhile(i => i.Keyword == "ARG").ToList();
        var rest = file.Instructions.Skip(meta.Count).ToList();
        if (rest.Count == 0 || rest[0].Keyword != "FROM")
            throw DockerfileParser.Error(rest.Count == 0 ? meta[^1].Line : rest[0].Line, "no build stage in current context");
        var stages = new List<List<Instruction>>();
        foreach (var ins in rest)
        {
            if (ins.Keyword == "FROM")
                stages.Add([]);
            stages[^1].Add(ins);
        }
        int targetIndex = stages.Count - 1;
        if (!string.IsNullOrEmpty(options.Target))
        {
            targetIndex = stages.FindIndex(s => string.Equals(StagePlan.Name(s[0]), options.Target, StringComparison.OrdinalIgnoreCase));
            if (targetIndex < 0)
                throw BerthException.Invalid($"failed to reach build target {options.Target} in Dockerfile");
        }

        // As Docker: each --label, in key order, becomes one more LABEL step at the end of the
        // last stage, shown as `LABEL key=value`; quoted here only to be parsed as given.
        foreach (var (key, value) in options.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            stages[targetIndex].Add(DockerfileParser.ParseInstruction($"LABEL \"{key}\"='{value}'", stages[targetIndex][^1].Line)
                with { Original = $"LABEL {key}={value}" });

        // BuildKit's platform args: set for FROM lines, and in a stage that declares them.
        var globals = new Dictionary<string, string?>(s_platformArgs, StringComparer.Ordinal);
        foreach (var ins in meta)
            foreach (var (name, value) in ParseArg(ins, words, Strings(globals)))
                globals[name] = options.BuildArgs.TryGetValue(name, out string? given) && given is not null ? given : value;
        var needed = StagePlan.Needed(stages, targetIndex, from => BaseName(words, from, globals));

        var run = new BuildRun(options, output, context, words, new BuildCache(CacheDir)) { Timer = timer };
        _running[run] = 0;
        try
        {
            return await RunStagesAsync(run, meta, stages, needed, targetIndex, globals, ct);
        }
        finally
        {
            _running.TryRemove(run, out _);
        }
    }

    private async Task<string> RunStagesAsync(BuildRun run, List<Instruction> meta, List<List<Instruction>> stages, bool[] needed, int targetIndex,
        Dictionary<string, string?> globals, CancellationToken ct)
    {
        var (options, output, words) = (run.Options, run.Output, run.Words);
        run.Total = meta.Count + stages.Where((_, i) => needed[i]).Sum(s => s.Count);
        foreach (var ins in meta)
        {
            await run.StepAsync(ins, ct);
            foreach (var (name, _) in ParseArg(ins, words, Strings(globals)))
                run.UsedArgs.Add(name);
        }

        BuildStage? stage = null;
        for (int index = 0; index <= targetIndex; index++)
        {
            if (!needed[index])
                continue; // the target neither builds on it nor copies from it
            var instructions = stages[index];
            stage = await FromAsync(run, instructions[0], globals, ct);
            run.Mark("from");
            foreach (var ins in instructions.Skip(1))
            {
                await run.StepAsync(ins, ct);
                await DispatchAsync(run, stage, ins, ct);
                await output.StreamAsync($" ---> {Short(stage.ImageId)}\n", ct);
            }
            if (stage.Name is not null)
                run.Stages[stage.Name.ToLowerInvariant()] = stage;
            run.Finished[index] = stage;
            if (stage.ImageId is not null)
                await output.AuxAsync(stage.ImageId, ct);
        }

        var unused = options.BuildArgs.Keys.Where(k => !run.UsedArgs.Contains(k) && !s_predefined.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
            await output.StreamAsync($"[Warning] One or more build-args [{string.Join(' ', unused)}] were not consumed\n", ct);

        if (stage?.ImageId is null)
            throw BerthException.Invalid("No image was generated. Is your Dockerfile empty?");

        await output.StreamAsync($"Successfully built {Short(stage.ImageId)}\n", ct);
        run.Mark("done");
        foreach (string tag in options.Tags)
        {
            var target = ImageReference.Parse(tag);
            imageService.Tag(stage.ImageId, target.FullName, target.Tag);
            await output.StreamAsync($"Successfully tagged {target.FamiliarString}\n", ct);
        }
        return stage.ImageId;
    }

    /// <summary>FROM: the base image (a previous stage, an image, or scratch), its config as the run config, its ONBUILD triggers.</summary>
    private async Task<BuildStage> FromAsync(BuildRun run, Instruction from, Dictionary<string, string?> globals, CancellationToken ct)
    {
        await run.StepAsync(from, ct);
        string[] parts = from.Text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        string baseName = BaseName(run.Words, from, globals);
        var stage = new BuildStage(StagePlan.Name(from));
        if (stage.Name is not null && run.Stages.ContainsKey(stage.Name.ToLowerInvariant()))
            throw BerthException.Invalid($"duplicate name {stage.Name}");
        if (run.Stages.TryGetValue(baseName.ToLowerInvariant(), out var previous))
        {
            stage.ImageId = previous.ImageId;
        }
        else if (baseName != "scratch")
        {
            if (baseName.Length == 0)
                throw BerthException.Invalid("base name (" + parts[0] + ") should not be blank");
            if (run.Options.Pull)
                await PullAsync(run, baseName, ct);
            stage.ImageId = images.Resolve(baseName).Id;
        }
        if (stage.ImageId is not null)
        {
            using var doc = JsonDocument.Parse(images.Resolve(stage.ImageId).Config);
            if (doc.RootElement.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object)
                stage.Config = config.Deserialize(EngineJson.Default.ContainerConfig)!;
        }
        if (!(stage.Config.Env ?? []).Any(e => e.StartsWith("PATH=", StringComparison.Ordinal)))
            stage.Config = stage.Config with { Env = [.. stage.Config.Env ?? [], DefaultPath] };
        // The stage's global args are visible again only if it re-declares them (ARG NAME).
        run.Globals = globals;
        await run.Output.StreamAsync($" ---> {Short(stage.ImageId)}\n", ct);

        var triggers = stage.Config.OnBuild ?? [];
        stage.Config = stage.Config with { OnBuild = null };
        if (triggers.Count > 0)
        {
            await run.Output.StreamAsync($"# Executing {triggers.Count} build trigger{(triggers.Count == 1 ? "" : "s")}\n", ct);
            foreach (string trigger in triggers)
                await DispatchAsync(run, stage, DockerfileParser.ParseInstruction(trigger, from.Line), ct);
            await run.Output.StreamAsync($" ---> {Short(stage.ImageId)}\n", ct);
        }
        return stage;
    }

    /// <summary>A FROM line's base: an image name or an earlier stage's, after substitution of the global args.</summary>
    private static string BaseName(ShellWords words, Instruction from, Dictionary<string, string?> globals) =>
        words.ProcessWord(from.Text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0], Strings(globals));

    internal static string Short(string? imageId) => imageId is null ? "" : imageId.Replace("sha256:", "")[..12];

    private static Dictionary<string, string> Strings(Dictionary<string, string?> args) =>
        args.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);

    /// <summary><c>ARG a=1 b</c>: names with their defaults after substitution (null: no default).</summary>
    internal static IEnumerable<(string Name, string? Value)> ParseArg(Instruction ins, ShellWords words, IReadOnlyDictionary<string, string> vars)
    {
        foreach (string word in SplitUnquoted(ins.Text))
        {
            int eq = word.IndexOf('=');
            string name = eq < 0 ? word : word[..eq];
            if (name.Length == 0)
                throw DockerfileParser.Error(ins.Line, "ARG names can not be blank");
            yield return (name, eq < 0 ? null : words.ProcessWord(word[(eq + 1)..], vars));
        }
    }

    /// <summary>Splits at whitespace outside quotes, keeping quotes and escapes for later processing.</summary>
    internal static List<string> SplitUnquoted(string text, char escape = '\\')
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == escape && i + 1 < text.Length && quote != '\'')
            {
                current.Append(c).Append(text[++i]);
                continue;
            }
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                current.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                    words.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0)
            words.Add(current.ToString());
        return words;
    }
}
