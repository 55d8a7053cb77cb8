using System.Text.Json;
using Berth.Linux.Runc;

namespace Berth.Engine.Runtime;

/// <summary>
/// Works out what <c>runc exec</c> would give an exec's process, for the exec helper
/// (<see cref="DirectExec"/>): runc's own state of the container (<c>state.json</c>: the init's
/// pid and start time, cgroup paths, namespaces, seccomp, keyring, oom score) and the exec's
/// process spec (args, env, user, cwd, capabilities, rlimits, terminal). Null whenever the
/// helper does not do exactly what runc would, so that runc runs the exec: a user namespace,
/// an AppArmor or SELinux label, Intel RDT, a process field it does not know, an init that is
/// gone or not the container's, a seccomp filter it cannot read.
/// </summary>
public static class DirectExecPlan
{
    private static readonly HashSet<string> s_processFields =
    [
        "terminal", "consoleSize", "user", "args", "env", "cwd", "capabilities", "rlimits", "noNewPrivileges", "oomScoreAdj",
        "apparmorProfile", "selinuxLabel",
    ];

    private static readonly Dictionary<string, int> s_rlimits = new()
    {
        ["RLIMIT_CPU"] = 0, ["RLIMIT_FSIZE"] = 1, ["RLIMIT_DATA"] = 2, ["RLIMIT_STACK"] = 3, ["RLIMIT_CORE"] = 4,
        ["RLIMIT_RSS"] = 5, ["RLIMIT_NPROC"] = 6, ["RLIMIT_NOFILE"] = 7, ["RLIMIT_MEMLOCK"] = 8, ["RLIMIT_AS"] = 9,
        ["RLIMIT_LOCKS"] = 10, ["RLIMIT_SIGPENDING"] = 11, ["RLIMIT_MSGQUEUE"] = 12, ["RLIMIT_NICE"] = 13,
        ["RLIMIT_RTPRIO"] = 14, ["RLIMIT_RTTIME"] = 15,
    };

    /// <summary>The seccomp filter read from the init, kept in runc's state directory (gone with it).</summary>
    public const string SeccompFileName = "berth-seccomp.bpf";

    public static DirectExecOptions? From(DirectExec helper, string runtimeRoot, string id, string processFile)
    {
        string stateDir = Path.Combine(runtimeRoot, id);
        using var state = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(stateDir, "state.json")));
        using var processDoc = JsonDocument.Parse(File.ReadAllBytes(processFile));
        var s = state.RootElement;
        var config = s.GetProperty("config");
        var process = processDoc.RootElement;

        if (s.TryGetProperty("rootless", out var rootless) && rootless.ValueKind == JsonValueKind.True)
            return null;
        if (s.TryGetProperty("intel_rdt_path", out var rdt) && rdt.ValueKind == JsonValueKind.String && rdt.GetString() != "")
            return null;
        if (config.TryGetProperty("namespaces", out var namespaces) && namespaces.ValueKind == JsonValueKind.Array
            && namespaces.EnumerateArray().Any(n => n.GetProperty("type").GetString() == "NEWUSER"))
            return null;
        foreach (var field in process.EnumerateObject())
            if (!s_processFields.Contains(field.Name))
                return null;
        if (Text(process, "apparmorProfile") is { Length: > 0 } || Text(process, "selinuxLabel") is { Length: > 0 })
            return null;

        // The helper takes them as arguments: a string or a whole the kernel would refuse
        // (128 KiB each, ARG_MAX in all) stays in runc's process file.
        var strings = process.GetProperty("args").EnumerateArray().Concat(
            process.TryGetProperty("env", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : []).Select(v => v.GetString() ?? "").ToList();
        if (strings.Any(v => v.Length > 64 * 1024) || strings.Sum(v => v.Length + 16) > 512 * 1024)
            return null;

        int initPid = s.GetProperty("init_process_pid").GetInt32();
        if (!InitIsAlive(initPid, s.GetProperty("init_process_start").GetUInt64()))
            return null;

        string? seccomp = null;
        if (config.TryGetProperty("seccomp", out var profile) && profile.ValueKind == JsonValueKind.Object)
        {
            seccomp = Path.Combine(stateDir, SeccompFileName);
            if (!File.Exists(seccomp) && !helper.TryDumpSeccomp(initPid, seccomp))
                return null;
        }

        (ulong, ulong, ulong, ulong, ulong)? caps = null;
        if (process.TryGetProperty("capabilities", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            if (Mask(c, "bounding") is not { } bnd || Mask(c, "effective") is not { } eff || Mask(c, "permitted") is not { } prm
                || Mask(c, "inheritable") is not { } inh || Mask(c, "ambient") is not { } amb)
                return null;
            caps = (bnd, eff, prm, inh, amb);
        }

        var rlimits = new List<(int, ulong, ulong)>();
        if (process.TryGetProperty("rlimits", out var limits) && limits.ValueKind == JsonValueKind.Array && limits.GetArrayLength() > 0)
        {
            foreach (var l in limits.EnumerateArray())
            {
                if (!s_rlimits.TryGetValue(l.GetProperty("type").GetString() ?? "", out int resource))
                    return null;
                rlimits.Add((resource, l.GetProperty("soft").GetUInt64(), l.GetProperty("hard").GetUInt64()));
            }
        }
        else if (config.TryGetProperty("rlimits", out var configured) && configured.ValueKind == JsonValueKind.Array)
        {
            foreach (var l in configured.EnumerateArray())
                rlimits.Add((l.GetProperty("type").GetInt32(), l.GetProperty("soft").GetUInt64(), l.GetProperty("hard").GetUInt64()));
        }

        var user = process.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        (int, int)? consoleSize = null;
        if (process.TryGetProperty("consoleSize", out var size) && size.ValueKind == JsonValueKind.Object)
            consoleSize = (size.GetProperty("height").GetInt32(), size.GetProperty("width").GetInt32());

        return new DirectExecOptions
        {
            InitPid = initPid,
            Cgroups = s.TryGetProperty("cgroup_paths", out var cgroups) && cgroups.ValueKind == JsonValueKind.Object
                ? cgroups.EnumerateObject().Select(p => p.Value.GetString()!).Distinct().Order(StringComparer.Ordinal).ToList()
                : [],
            SeccompFile = seccomp,
            SessionKeyring = config.TryGetProperty("no_new_keyring", out var keyring) && keyring.ValueKind == JsonValueKind.True ? null : "_ses." + id,
            OomScoreAdj = config.TryGetProperty("oom_score_adj", out var oom) && oom.ValueKind == JsonValueKind.Number ? oom.GetInt32() : null,
            Rlimits = rlimits,
            NoNewPrivileges = process.TryGetProperty("noNewPrivileges", out var nnp) && nnp.ValueKind == JsonValueKind.True,
            Capabilities = caps,
            Uid = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("uid", out var uid) ? uid.GetUInt32() : 0,
            Gid = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("gid", out var gid) ? gid.GetUInt32() : 0,
            AdditionalGids = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("additionalGids", out var gids) && gids.ValueKind == JsonValueKind.Array
                ? gids.EnumerateArray().Select(g => g.GetUInt32()).ToList()
                : [],
            Umask = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("umask", out var umask) && umask.ValueKind == JsonValueKind.Number ? umask.GetUInt32() : null,
            Cwd = Text(process, "cwd") is { Length: > 0 } cwd ? cwd : null,
            ConsoleSize = process.TryGetProperty("terminal", out var t) && t.ValueKind == JsonValueKind.True ? consoleSize : null,
            Env = process.TryGetProperty("env", out var env) && env.ValueKind == JsonValueKind.Array ? env.EnumerateArray().Select(e => e.GetString()!).ToList() : [],
            Args = process.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList(),
        };
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A capability list as a bit mask; null for a name this table does not know (runc decides then).</summary>
    private static ulong? Mask(JsonElement caps, string set)
    {
        ulong mask = 0;
        if (!caps.TryGetProperty(set, out var names) || names.ValueKind != JsonValueKind.Array)
            return 0;
        foreach (var name in names.EnumerateArray())
        {
            if (!CapabilityNames.All.TryGetValue(name.GetString() ?? "", out int bit))
                return null;
            mask |= 1UL << bit;
        }
        return mask;
    }

    /// <summary>Whether the init runc recorded still runs (its start time in /proc is runc's, so the pid is not reused).</summary>
    private static bool InitIsAlive(int pid, ulong startTime)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        // Fields after the command (which may hold spaces and parentheses): state is field 3, start time field 22.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && ulong.TryParse(fields[19], out ulong started) && started == startTime;
    }
}
