using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Errors;

namespace Berth.Engine.Runtime;

/// <summary>
/// Seccomp profiles in Docker's format (the default one ships as data, users may pass their
/// own with <c>--security-opt seccomp=FILE</c>), turned into the OCI spec's
/// <c>linux.seccomp</c> for a container's capability set: a rule with <c>includes.caps</c>
/// applies only if the container has all of them, one with <c>excludes.caps</c> only if it has
/// none of them.
/// </summary>
public static class SeccompProfile
{
    private static readonly Lazy<string> s_default = new(() =>
    {
        using var stream = typeof(SeccompProfile).Assembly.GetManifestResourceStream("seccomp-default.json")!;
        return new StreamReader(stream).ReadToEnd();
    });

    private static readonly string[] s_architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"];

    // The default profile converted once per capability set (nearly every container has
    // Docker's default set): parsing and filtering its ~400 rules was most of a start's spec
    // phase. Few sets occur in practice; past the bound a set is converted each time.
    private static readonly ConcurrentDictionary<string, JsonObject> s_converted = new();
    private const int ConvertedBound = 32;

    public static string DefaultProfile => s_default.Value;

    /// <summary>The OCI seccomp section; null means unconfined. A fresh tree the caller may attach.</summary>
    public static JsonObject? For(IReadOnlyList<string>? securityOpts, bool privileged, IReadOnlyCollection<string> capabilities)
    {
        string? profile = Chosen(securityOpts, DefaultProfile);
        if (profile is null || privileged)
            return null;
        if (!ReferenceEquals(profile, DefaultProfile))
            return Convert(profile, capabilities);
        string key = string.Join(',', capabilities.Order(StringComparer.Ordinal));
        if (s_converted.TryGetValue(key, out var converted))
            return (JsonObject)converted.DeepClone();
        converted = Convert(profile, capabilities);
        if (s_converted.Count < ConvertedBound)
            s_converted.TryAdd(key, (JsonObject)converted.DeepClone());
        return converted;
    }

    /// <summary>Refuses a user's profile that could not be applied, at create rather than at start.</summary>
    public static void Validate(IReadOnlyList<string>? securityOpts)
    {
        if (Chosen(securityOpts, null) is string profile)
            Convert(profile, []);
    }

    /// <summary>The profile <c>--security-opt seccomp=</c> names (null: unconfined), else <paramref name="fallback"/>.</summary>
    private static string? Chosen(IReadOnlyList<string>? securityOpts, string? fallback)
    {
        string? profile = fallback;
        foreach (string opt in securityOpts ?? [])
        {
            int sep = opt.IndexOfAny(['=', ':']);
            if (sep < 0 || opt[..sep] != "seccomp")
                continue;
            string value = opt[(sep + 1)..];
            profile = value == "unconfined" ? null : value;
        }
        return profile;
    }

    private static JsonObject Convert(string profile, IReadOnlyCollection<string> capabilities)
    {
        try
        {
            return Convert(JsonNode.Parse(profile) as JsonObject ?? throw Invalid("the profile is not a JSON object"), capabilities);
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"decoding seccomp profile failed: {e.Message}");
        }
    }

    private static JsonObject Convert(JsonObject docker, IReadOnlyCollection<string> caps)
    {
        var syscalls = new JsonArray();
        foreach (var node in docker["syscalls"] is JsonNode list ? Array(list, "syscalls") : [])
        {
            var rule = node as JsonObject ?? throw Invalid("a syscalls entry is not an object");
            // Every rule is checked, whether or not it applies: a bad profile is refused whatever the capabilities.
            var names = rule["names"] is JsonNode n ? Strings(n, "names") : rule["name"] is JsonNode one ? [Text(one, "name")] : [];
            if (names.Count == 0)
                throw Invalid("a syscalls entry names no syscall");
            string action = rule["action"] is JsonNode a ? Text(a, "action") : "";
            if (!action.StartsWith("SCMP_ACT_", StringComparison.Ordinal))
                throw Invalid($"string {action} is not a valid action for seccomp");
            var args = rule["args"] is JsonNode argList ? Array(argList, "args").Select(Argument).ToList() : [];
            if (!Applies(rule, caps))
                continue;
            var oci = new JsonObject { ["names"] = new JsonArray(names.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()), ["action"] = action };
            if (rule["errnoRet"] is JsonNode errno)
                oci["errnoRet"] = errno.DeepClone();
            if (args.Count > 0)
                oci["args"] = new JsonArray(args.ToArray());
            syscalls.Add((JsonNode)oci);
        }
        var result = new JsonObject
        {
            ["defaultAction"] = docker["defaultAction"]?.DeepClone() ?? "SCMP_ACT_ALLOW",
            ["architectures"] = new JsonArray(s_architectures.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            ["syscalls"] = syscalls,
        };
        if (docker["defaultErrnoRet"] is JsonNode defaultErrno)
            result["defaultErrnoRet"] = defaultErrno.DeepClone();
        return result;
    }

    private static JsonNode Argument(JsonNode? a)
    {
        var arg = a as JsonObject ?? throw Invalid("an args entry is not an object");
        if (arg["index"] is not JsonValue index || arg["value"] is not JsonValue value || arg["op"] is not JsonValue op)
            throw Invalid("an args entry needs index, value and op");
        return new JsonObject
        {
            ["index"] = index.DeepClone(),
            ["value"] = value.DeepClone(),
            ["valueTwo"] = arg["valueTwo"]?.DeepClone() ?? 0,
            ["op"] = op.DeepClone(),
        };
    }

    private static JsonArray Array(JsonNode node, string field) => node as JsonArray ?? throw Invalid($"{field} is not an array");

    private static List<string> Strings(JsonNode node, string field) => Array(node, field).Select(x => Text(x, field)).ToList();

    private static string Text(JsonNode? node, string field) =>
        node is JsonValue v && v.TryGetValue(out string? text) ? text : throw Invalid($"{field} must be a string");

    private static BerthException Invalid(string why) => BerthException.Invalid("decoding seccomp profile failed: " + why);

    private static bool Applies(JsonObject rule, IReadOnlyCollection<string> caps)
    {
        var includes = rule["includes"] is JsonObject { } inc && inc["caps"] is JsonNode i ? Strings(i, "includes.caps") : [];
        var excludes = rule["excludes"] is JsonObject { } exc && exc["caps"] is JsonNode e ? Strings(e, "excludes.caps") : [];
        return includes.All(caps.Contains) && !excludes.Any(caps.Contains);
    }
}
