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

    public static string DefaultProfile => s_default.Value;

    /// <summary>The OCI seccomp section; null means unconfined.</summary>
    public static JsonObject? For(IReadOnlyList<string>? securityOpts, bool privileged, IReadOnlyCollection<string> capabilities)
    {
        string? profile = DefaultProfile;
        foreach (string opt in securityOpts ?? [])
        {
            int sep = opt.IndexOfAny(['=', ':']);
            if (sep < 0 || opt[..sep] != "seccomp")
                continue;
            string value = opt[(sep + 1)..];
            profile = value == "unconfined" ? null : value;
        }
        if (profile is null || privileged)
            return null;
        try
        {
            return Convert(JsonNode.Parse(profile)!.AsObject(), capabilities);
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"decoding seccomp profile failed: {e.Message}");
        }
    }

    private static JsonObject Convert(JsonObject docker, IReadOnlyCollection<string> caps)
    {
        var syscalls = new JsonArray();
        foreach (var node in docker["syscalls"]?.AsArray() ?? [])
        {
            var rule = node!.AsObject();
            if (!Applies(rule, caps))
                continue;
            var names = rule["names"]?.DeepClone() ?? new JsonArray(rule["name"]!.DeepClone());
            var oci = new JsonObject { ["names"] = names, ["action"] = rule["action"]!.DeepClone() };
            if (rule["errnoRet"] is JsonNode errno)
                oci["errnoRet"] = errno.DeepClone();
            if (rule["args"] is JsonArray args && args.Count > 0)
                oci["args"] = new JsonArray(args.Select(a => (JsonNode)new JsonObject
                {
                    ["index"] = a!["index"]!.DeepClone(),
                    ["value"] = a["value"]!.DeepClone(),
                    ["valueTwo"] = a["valueTwo"]?.DeepClone() ?? 0,
                    ["op"] = a["op"]!.DeepClone(),
                }).ToArray());
            syscalls.Add(oci);
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

    private static bool Applies(JsonObject rule, IReadOnlyCollection<string> caps)
    {
        var includes = rule["includes"]?["caps"]?.AsArray().Select(c => c!.GetValue<string>()) ?? [];
        var excludes = rule["excludes"]?["caps"]?.AsArray().Select(c => c!.GetValue<string>()) ?? [];
        return includes.All(caps.Contains) && !excludes.Any(caps.Contains);
    }
}
