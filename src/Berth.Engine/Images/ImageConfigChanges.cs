using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Errors;

namespace Berth.Engine.Images;

/// <summary>
/// Applies Dockerfile instructions given to <c>import --change</c> / <c>commit --change</c>
/// (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL, ONBUILD) to an
/// image's <c>config</c> object.
/// </summary>
public static class ImageConfigChanges
{
    public static void Apply(JsonObject config, IEnumerable<string> changes)
    {
        foreach (string change in changes)
        {
            string line = change.Trim();
            int space = line.IndexOfAny([' ', '\t']);
            string instruction = (space < 0 ? line : line[..space]).ToUpperInvariant();
            string rest = space < 0 ? "" : line[(space + 1)..].Trim();
            switch (instruction)
            {
                case "CMD": config["Cmd"] = Command(rest); break;
                case "ENTRYPOINT": config["Entrypoint"] = Command(rest); break;
                case "USER": config["User"] = rest; break;
                case "WORKDIR": config["WorkingDir"] = rest; break;
                case "STOPSIGNAL": config["StopSignal"] = rest; break;
                case "ENV": AddPairs(config, "Env", rest, (k, v) => JsonValue.Create($"{k}={v}")!, list: true); break;
                case "LABEL": AddPairs(config, "Labels", rest, (_, v) => JsonValue.Create(v)!, list: false); break;
                case "EXPOSE":
                    var ports = config["ExposedPorts"] as JsonObject ?? new JsonObject();
                    foreach (string p in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        ports[p.Contains('/') ? p : p + "/tcp"] = new JsonObject();
                    config["ExposedPorts"] = ports;
                    break;
                case "VOLUME":
                    var volumes = config["Volumes"] as JsonObject ?? new JsonObject();
                    foreach (string v in rest.StartsWith('[') ? JsonSerializer.Deserialize(rest, EngineJson.Default.StringArray)! : rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        volumes[v] = new JsonObject();
                    config["Volumes"] = volumes;
                    break;
                case "ONBUILD":
                    var onbuild = config["OnBuild"] as JsonArray ?? new JsonArray();
                    onbuild.Add((JsonNode)rest);
                    config["OnBuild"] = onbuild;
                    break;
                default:
                    throw BerthException.Invalid($"{instruction} is not a valid change command");
            }
        }
    }

    /// <summary>JSON form as given; shell form wrapped in <c>/bin/sh -c</c>.</summary>
    private static JsonArray Command(string text)
    {
        if (text.StartsWith('['))
        {
            try
            {
                return new JsonArray(JsonSerializer.Deserialize(text, EngineJson.Default.StringArray)!.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
            }
            catch (JsonException)
            {
                // Not valid JSON: Docker treats it as shell form.
            }
        }
        return new JsonArray("/bin/sh", "-c", text);
    }

    private static void AddPairs(JsonObject config, string field, string text, Func<string, string, JsonNode> value, bool list)
    {
        var pairs = new List<(string, string)>();
        if (!text.Contains('='))
        {
            int sp = text.IndexOf(' ');
            pairs.Add(sp < 0 ? (text, "") : (text[..sp], text[(sp + 1)..].Trim()));
        }
        else
        {
            foreach (string token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] kv = token.Split('=', 2);
                pairs.Add((kv[0], kv.Length > 1 ? kv[1].Trim('"') : ""));
            }
        }
        if (list)
        {
            var env = config[field] as JsonArray ?? new JsonArray();
            foreach (var (k, v) in pairs)
            {
                foreach (var old in env.Where(e => e!.GetValue<string>().StartsWith(k + "=", StringComparison.Ordinal)).ToList())
                    env.Remove(old);
                env.Add(value(k, v));
            }
            config[field] = env;
        }
        else
        {
            var labels = config[field] as JsonObject ?? new JsonObject();
            foreach (var (k, v) in pairs)
                labels[k] = value(k, v);
            config[field] = labels;
        }
    }
}
