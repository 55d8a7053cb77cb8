using System.Text.Json.Nodes;
using Berth.Engine.Runtime;
using Berth.Linux.Files;
using Berth.Linux.Runc;

namespace Berth.Tests.Runtime;

/// <summary>What the exec helper is told, from runc's state and the exec's process spec; and when runc is left the exec.</summary>
public sealed class DirectExecPlanTests : IDisposable
{
    private const string Id = "c0ffee";
    private readonly TempDir _dir = new();
    private readonly SealedCopy _helper = SealedCopy.Of("/bin/true");

    public void Dispose()
    {
        _helper.Dispose();
        _dir.Dispose();
    }

    private static ulong OwnStartTime()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        return ulong.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19]);
    }

    private static JsonObject State(ulong? startTime = null) => new()
    {
        ["init_process_pid"] = Environment.ProcessId,
        ["init_process_start"] = startTime ?? OwnStartTime(),
        ["rootless"] = false,
        ["intel_rdt_path"] = "",
        ["cgroup_paths"] = new JsonObject
        {
            ["cpu"] = "/sys/fs/cgroup/cpu,cpuacct/berth/c0ffee", ["cpuacct"] = "/sys/fs/cgroup/cpu,cpuacct/berth/c0ffee",
            [""] = "/sys/fs/cgroup/unified/berth/c0ffee",
        },
        ["config"] = new JsonObject
        {
            ["namespaces"] = new JsonArray(new JsonObject { ["type"] = "NEWPID", ["path"] = "" }),
            ["oom_score_adj"] = 5,
            ["no_new_keyring"] = false,
            ["seccomp"] = null,
        },
    };

    private static JsonObject Process() => new()
    {
        ["terminal"] = true,
        ["consoleSize"] = new JsonObject { ["height"] = 24, ["width"] = 80 },
        ["user"] = new JsonObject { ["uid"] = 1000, ["gid"] = 100, ["additionalGids"] = new JsonArray(10, 20) },
        ["args"] = new JsonArray("sh", "-c", "true"),
        ["env"] = new JsonArray("PATH=/bin"),
        ["cwd"] = "/work",
        ["capabilities"] = new JsonObject
        {
            ["bounding"] = new JsonArray("CAP_CHOWN", "CAP_KILL"), ["effective"] = new JsonArray("CAP_KILL"),
            ["permitted"] = new JsonArray("CAP_KILL"),
        },
        ["rlimits"] = new JsonArray(new JsonObject { ["type"] = "RLIMIT_NOFILE", ["soft"] = 1024, ["hard"] = 2048 }),
        ["noNewPrivileges"] = true,
        ["oomScoreAdj"] = 5,
    };

    private DirectExecOptions? Plan(JsonObject state, JsonObject process)
    {
        Directory.CreateDirectory(_dir[Id]);
        File.WriteAllText(Path.Combine(_dir[Id], "state.json"), state.ToJsonString());
        File.WriteAllText(_dir["process.json"], process.ToJsonString());
        return DirectExecPlan.From(new DirectExec(_helper, _dir["no-switch"]), _dir.Path, Id, _dir["process.json"]);
    }

    [Fact]
    public void A_plain_container_gets_what_runc_would_apply()
    {
        var plan = Plan(State(), Process())!;
        Assert.Equal(Environment.ProcessId, plan.InitPid);
        Assert.Equal(["/sys/fs/cgroup/cpu,cpuacct/berth/c0ffee", "/sys/fs/cgroup/unified/berth/c0ffee"], plan.Cgroups);
        Assert.Null(plan.SeccompFile);
        Assert.Equal("_ses.c0ffee", plan.SessionKeyring);
        Assert.Equal(5, plan.OomScoreAdj);
        Assert.Equal([(7, 1024UL, 2048UL)], plan.Rlimits);
        Assert.True(plan.NoNewPrivileges);
        Assert.Equal((1UL | 1UL << 5, 1UL << 5, 1UL << 5, 0UL, 0UL), plan.Capabilities);
        Assert.Equal((1000u, 100u), (plan.Uid, plan.Gid));
        Assert.Equal([10u, 20u], plan.AdditionalGids);
        Assert.Equal("/work", plan.Cwd);
        Assert.Equal((24, 80), plan.ConsoleSize);
        Assert.Equal(["sh", "-c", "true"], plan.Args);

        var args = DirectExec.Arguments(plan, "/log", "/pid", "/console.sock");
        Assert.Equal(["--caps", "21,20,20,0,0"], args.Skip(args.IndexOf("--caps")).Take(2));
        Assert.Equal(["--", "sh", "-c", "true"], args.TakeLast(4));
        Assert.Contains("--no-new-privs", args);
    }

    [Fact]
    public void Runc_keeps_what_the_helper_does_not_do()
    {
        var userns = State();
        userns["config"]!["namespaces"]!.AsArray().Add(new JsonObject { ["type"] = "NEWUSER", ["path"] = "" });
        Assert.Null(Plan(userns, Process()));

        var apparmor = Process();
        apparmor["apparmorProfile"] = "docker-default";
        Assert.Null(Plan(State(), apparmor));

        var unknown = Process();
        unknown["ioPriority"] = new JsonObject { ["class"] = "IOPRIO_CLASS_IDLE" };
        Assert.Null(Plan(State(), unknown));

        var newCapability = Process();
        newCapability["capabilities"]!["bounding"]!.AsArray().Add("CAP_FROM_THE_FUTURE");
        Assert.Null(Plan(State(), newCapability));

        var huge = Process();
        huge["env"]!.AsArray().Add("BIG=" + new string('x', 70 * 1024));
        Assert.Null(Plan(State(), huge));

        // An init whose start time is not runc's: the pid is another process's now.
        Assert.Null(Plan(State(startTime: OwnStartTime() + 1), Process()));
    }
}
