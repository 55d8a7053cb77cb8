using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Engine.Build;

public sealed partial class BuildService
{
    /// <summary>One instruction of a stage (or an ONBUILD trigger), as moby's <c>dispatch</c>.</summary>
    private async Task DispatchAsync(BuildRun run, BuildStage stage, Instruction ins, CancellationToken ct)
    {
        var vars = stage.Variables();
        var words = run.Words;
        var config = stage.Config;
        switch (ins.Keyword)
        {
            case "RUN":
                await RunAsync(run, stage, ins, ct);
                return;
            case "COPY" or "ADD":
                await CopyAsync(run, stage, ins, ct);
                return;
            case "ENV":
            {
                var env = (config.Env ?? []).ToList();
                var set = new List<string>();
                foreach (var (key, value) in Pairs(ins, words, vars, "ENV"))
                {
                    // As dockerd's builder: a variable set again keeps its place.
                    int at = env.FindIndex(e => e.Split('=', 2)[0] == key);
                    if (at >= 0)
                        env[at] = $"{key}={value}";
                    else
                        env.Add($"{key}={value}");
                    set.Add($"{key}={value}");
                }
                stage.Config = config with { Env = env };
                await CommitMetadataAsync(run, stage, "ENV " + string.Join(' ', set), null, ct);
                return;
            }
            case "LABEL":
            {
                var labels = new Dictionary<string, string>(config.Labels ?? new Dictionary<string, string>());
                var set = new List<string>();
                foreach (var (key, value) in Pairs(ins, words, vars, "LABEL"))
                {
                    labels[key] = value;
                    set.Add($"{key}={value}");
                }
                stage.Config = config with { Labels = labels };
                await CommitMetadataAsync(run, stage, "LABEL " + string.Join(' ', set), null, ct);
                return;
            }
            case "ARG":
            {
                var parts = new List<string>();
                foreach (var (name, value) in ParseArg(ins, words, vars))
                {
                    string? chosen = run.Options.BuildArgs.TryGetValue(name, out string? given) && given is not null ? given
                        : value ?? run.Globals.GetValueOrDefault(name);
                    stage.Args[name] = chosen;
                    run.UsedArgs.Add(name);
                    parts.Add(value is null ? name : $"{name}={value}");
                }
                await CommitMetadataAsync(run, stage, "ARG " + string.Join(' ', parts), null, ct);
                return;
            }
            case "CMD":
                stage.Config = config with { Cmd = Command(ins, stage) };
                stage.CmdSet = true;
                await CommitMetadataAsync(run, stage, "CMD " + GoQuote(stage.Config.Cmd!), null, ct);
                return;
            case "ENTRYPOINT":
                stage.Config = config with { Entrypoint = Command(ins, stage), Cmd = stage.CmdSet ? config.Cmd : null };
                await CommitMetadataAsync(run, stage, "ENTRYPOINT " + GoQuote(stage.Config.Entrypoint!), null, ct);
                return;
            case "EXPOSE":
            {
                var ports = new Dictionary<string, object>(config.ExposedPorts ?? new Dictionary<string, object>());
                var given = words.ProcessWords(ins.Text, vars);
                foreach (string port in given)
                    ports[port.Contains('/') ? port.ToLowerInvariant() : port + "/tcp"] = new Dictionary<string, object>();
                stage.Config = config with { ExposedPorts = ports };
                await CommitMetadataAsync(run, stage, "EXPOSE " + string.Join(' ', given), null, ct);
                return;
            }
            case "VOLUME":
            {
                var volumes = new Dictionary<string, object>(config.Volumes ?? new Dictionary<string, object>());
                var given = ins.Json?.Select(v => words.ProcessWord(v, vars)).ToList() ?? words.ProcessWords(ins.Text, vars).ToList();
                foreach (string v in given)
                {
                    if (v.Trim().Length == 0)
                        throw BerthException.Invalid("VOLUME specified can not be an empty string");
                    volumes[v] = new Dictionary<string, object>();
                }
                stage.Config = config with { Volumes = volumes };
                await CommitMetadataAsync(run, stage, $"VOLUME [{string.Join(' ', given)}]", null, ct);
                return;
            }
            case "WORKDIR":
            {
                string dir = words.ProcessWord(ins.Text, vars);
                string full = dir.StartsWith('/') ? dir : CleanPath((config.WorkingDir.Length == 0 ? "/" : config.WorkingDir) + "/" + dir);
                stage.Config = config with { WorkingDir = full };
                await CommitMetadataAsync(run, stage, "WORKDIR " + full, rootfs => Directory.CreateDirectory(RootfsPath.Resolve(rootfs, full)), ct);
                return;
            }
            case "USER":
                stage.Config = config with { User = words.ProcessWord(ins.Text, vars) };
                await CommitMetadataAsync(run, stage, "USER " + stage.Config.User, null, ct);
                return;
            case "STOPSIGNAL":
                stage.Config = config with { StopSignal = words.ProcessWord(ins.Text, vars) };
                await CommitMetadataAsync(run, stage, "STOPSIGNAL " + stage.Config.StopSignal, null, ct);
                return;
            case "SHELL":
                stage.Config = config with { Shell = ins.Json };
                await CommitMetadataAsync(run, stage, $"SHELL [{string.Join(' ', ins.Json!)}]", null, ct);
                return;
            case "MAINTAINER":
                stage.Maintainer = words.ProcessWord(ins.Text, vars);
                await CommitMetadataAsync(run, stage, "MAINTAINER " + stage.Maintainer, null, ct);
                return;
            case "ONBUILD":
                stage.Config = config with { OnBuild = [.. config.OnBuild ?? [], ins.Text] };
                await CommitMetadataAsync(run, stage, "ONBUILD " + ins.Text, null, ct);
                return;
            case "HEALTHCHECK":
                stage.Config = config with { Healthcheck = Healthcheck(ins, stage) };
                await CommitMetadataAsync(run, stage, "HEALTHCHECK " + stage.Config.Healthcheck!.Value.GetRawText(), null, ct);
                return;
            default:
                throw DockerfileParser.Error(ins.Line, $"{ins.Keyword} is not allowed here");
        }
    }

    /// <summary>CMD/ENTRYPOINT/RUN's command: the JSON form as given, the shell form behind the stage's SHELL.</summary>
    private static IReadOnlyList<string> Command(Instruction ins, BuildStage stage) =>
        ins.Json is not null ? ins.Json : [.. stage.Shell, ins.Text];

    /// <summary>ENV and LABEL pairs: <c>k=v k2="v 2"</c>, or the old <c>k v w</c> (the rest of the line is the value).</summary>
    private static List<(string Key, string Value)> Pairs(Instruction ins, ShellWords words, IReadOnlyDictionary<string, string> vars, string what)
    {
        var pairs = new List<(string, string)>();
        var raw = SplitUnquoted(ins.Text);
        if (raw.Count > 0 && !raw[0].Contains('='))
        {
            int sp = ins.Text.IndexOfAny([' ', '\t']);
            if (sp < 0)
                throw DockerfileParser.Error(ins.Line, $"{what} must have two arguments");
            pairs.Add((words.ProcessWord(raw[0], vars), words.ProcessWord(ins.Text[sp..].Trim(), vars)));
            return pairs;
        }
        foreach (string word in raw)
        {
            int eq = word.IndexOf('=');
            if (eq < 0)
                throw DockerfileParser.Error(ins.Line, $"Syntax error - can't find = in \"{word}\". Must be of the form: name=value");
            string key = words.ProcessWord(word[..eq], vars);
            if (key.Length == 0)
                throw DockerfileParser.Error(ins.Line, $"{what} names can not be blank");
            pairs.Add((key, words.ProcessWord(word[(eq + 1)..], vars)));
        }
        return pairs;
    }

    private static JsonElement Healthcheck(Instruction ins, BuildStage stage)
    {
        string text = ins.Text.Trim();
        var node = new JsonObject();
        if (text.Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            node["Test"] = new JsonArray("NONE");
        }
        else
        {
            string rest = text[3..].TrimStart();
            var cmd = rest.StartsWith('[') && TryJson(rest) is { } json
                ? new JsonArray([JsonValue.Create("CMD"), .. json.Select(s => (JsonNode)JsonValue.Create(s)!)])
                : new JsonArray("CMD-SHELL", rest);
            node["Test"] = cmd;
            foreach (var (flag, field) in new[] { ("interval", "Interval"), ("timeout", "Timeout"), ("start-period", "StartPeriod"), ("start-interval", "StartInterval") })
                if (ins.Flag(flag) is { } value)
                    node[field] = GoDuration.Parse(value, ins.Line, flag);
            if (ins.Flag("retries") is { } retries)
            {
                if (!int.TryParse(retries, out int n) || n < 0)
                    throw DockerfileParser.Error(ins.Line, "--retries must be at least 0");
                node["Retries"] = n;
            }
        }
        return JsonSerializer.SerializeToElement(node, EngineJson.Default.JsonObject);
    }

    private static string[]? TryJson(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, EngineJson.Default.StringArray);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Go's <c>%q</c> of a string slice: <c>["a" "b"]</c>, as Docker's history shows CMD and ENTRYPOINT.</summary>
    internal static string GoQuote(IReadOnlyList<string> list) =>
        "[" + string.Join(' ', list.Select(s => JsonSerializer.Serialize(s, s_goString))) + "]";

    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<string> s_goString = EngineJson.Info<string>(
        new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = EngineJson.Default });

    internal static string CleanPath(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }
        return "/" + string.Join('/', parts);
    }
}
