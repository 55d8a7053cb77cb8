using System.Net.Http;
using System.Text;
using System.Text.Json;
using Berth.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace Berth.IntegrationTests.Chaos;

/// <summary>
/// kill -9 of berthd at random points of create, start, commit, load, import, pull, push and
/// build; after each restart the store must be consistent (every image saves whole, every
/// container is in a state it can be in and can be removed) and, once the round's images and
/// containers are removed, the data root holds exactly what it held before the round: no
/// orphan survived the start-up garbage collection. A second test runs create/start/rm cycles
/// and counts what a container leaves on the host. Short by default (inside <c>make test</c>);
/// <c>make chaos</c> runs 50 rounds and 1,000 cycles (<c>BERTH_CHAOS_ROUNDS</c>,
/// <c>BERTH_CHAOS_CYCLES</c>) and writes the figures to <c>BERTH_CHAOS_REPORT</c>.
/// Names are prefixed <c>chaos-</c>; the daemon is its own, since it is killed.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] s_operations = ["create", "start", "commit", "load", "import", "pull", "push", "build"];
    private readonly DaemonFixture _daemon = new();
    private string Work => Path.Combine(_daemon.Dir, "chaos");

    public Task InitializeAsync() => _daemon.InitializeAsync();

    public Task DisposeAsync() => _daemon.DisposeAsync();

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int n) && n > 0 ? n : fallback;

    private void Report(string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("BERTH_CHAOS_REPORT") is { Length: > 0 } file)
            File.AppendAllText(file, line + "\n");
    }

    [RequiresRootFact]
    public async Task Kill_9_at_random_points_leaves_a_consistent_store_without_orphans()
    {
        int rounds = Setting("BERTH_CHAOS_ROUNDS", s_operations.Length);
        int seed = Setting("BERTH_CHAOS_SEED", Environment.TickCount & 0x7fffffff);
        int first = Setting("BERTH_CHAOS_FIRST_OP", 0); // to replay one operation's rounds
        var random = new Random(seed);
        Directory.CreateDirectory(Work);
        await using var registry = await LocalRegistry.StartAsync(_daemon);
        await PrepareAsync(registry);
        var baselineImages = await ImageIdsAsync();
        var baseline = StoreFiles();
        var leaks = new List<string>();
        var survived = 0;

        for (int round = 0; round < rounds; round++)
        {
            string op = s_operations[(first + round) % s_operations.Length];
            var (started, maxDelay) = await BeginAsync(op, round, registry);
            int delay = random.Next(maxDelay);
            await Task.Delay(delay);
            _daemon.Kill();
            var result = await started;
            await _daemon.StartAsync();

            var problems = await InconsistenciesAsync();
            Report("  containers after restart: " + (await _daemon.Docker("ps", "-a", "--format", "{{.ID}} {{.Status}}")).Stdout.Replace('\n', ';'));
            await RemoveAllButAsync(baselineImages);
            var now = StoreFiles();
            var leaked = now.Except(baseline).Concat(baseline.Except(now).Select(f => "missing " + f)).ToList();
            if (problems.Count == 0 && leaked.Count == 0)
                survived++;
            string line = $"round {round} {op} killed after {delay} ms (cli exit {result.ExitCode}): "
                + (problems.Count + leaked.Count == 0 ? "consistent, no orphans" : string.Join("; ", problems.Concat(leaked.Select(l => "leaked " + l))));
            Report(line);
            leaks.AddRange(problems.Concat(leaked).Select(p => $"round {round} {op}: {p}"));
        }
        Report($"chaos: seed {seed}, {survived}/{rounds} rounds survived, {leaks.Count} problems");
        Assert.Empty(leaks);
    }

    /// <summary>
    /// What the rounds work on: a 24 MiB random layer as an image (for commit and push), its
    /// archive (load) and tar (import) for an image that is then removed, the same in a
    /// registry (pull), and a build context.
    /// </summary>
    private async Task PrepareAsync(LocalRegistry registry)
    {
        string tar = Path.Combine(Work, "layer.tar");
        await ProcessRunner.RunAsync("sh", ["-c", $"mkdir -p {Work}/rootfs && head -c 25165824 /dev/urandom > {Work}/rootfs/random && tar -C {Work}/rootfs -cf {tar} ."]);
        await _daemon.DockerOk("import", tar, "chaos-big:1");
        await _daemon.DockerOk("tag", "chaos-big:1", "chaos-load:1");
        await _daemon.DockerOk("save", "-o", Path.Combine(Work, "load.tar"), "chaos-load:1");
        await _daemon.DockerOk("rmi", "chaos-load:1");
        // A different layer, so the pull has something to fetch.
        await ProcessRunner.RunAsync("sh", ["-c", $"head -c 25165824 /dev/urandom > {Work}/rootfs/random && tar -C {Work}/rootfs -cf {Work}/pull.tar ."]);
        await _daemon.DockerOk("import", Path.Combine(Work, "pull.tar"), $"{registry.Host}/chaos/pull:1");
        await _daemon.DockerOk("push", $"{registry.Host}/chaos/pull:1");
        await _daemon.DockerOk("rmi", $"{registry.Host}/chaos/pull:1");
        Directory.CreateDirectory(Path.Combine(Work, "context"));
        File.WriteAllText(Path.Combine(Work, "context", "Dockerfile"),
            "FROM busybox\nRUN head -c 8388608 /dev/urandom > /a\nCOPY Dockerfile /copied\nRUN head -c 8388608 /dev/urandom > /b\n");
    }

    /// <summary>Starts one operation (after any set-up it needs); the CLI's run, and how long it may be left before the kill.</summary>
    private async Task<(Task<CommandResult> Cli, int MaxDelayMs)> BeginAsync(string op, int round, LocalRegistry registry)
    {
        string name = $"chaos-{op}-{round}";
        switch (op)
        {
            case "create":
                return (_daemon.Docker("create", "--name", name, "busybox", "true"), 400);
            case "start":
                await _daemon.DockerOk("create", "--name", name, "-p", "80", "busybox", "sleep", "30");
                return (_daemon.Docker("start", name), 600);
            case "commit":
                await _daemon.DockerOk("run", "-d", "--name", name, "busybox", "sh", "-c", "head -c 16777216 /dev/urandom > /big; sleep 60");
                await Task.Delay(1000);
                return (_daemon.Docker("commit", name, name + ":1"), 1500);
            case "load":
                return (_daemon.Docker("load", "-i", Path.Combine(Work, "load.tar")), 300);
            case "import":
                return (_daemon.Docker("import", Path.Combine(Work, "layer.tar"), name + ":1"), 300);
            case "pull":
                return (_daemon.Docker("pull", $"{registry.Host}/chaos/pull:1"), 1500);
            case "push":
                // A layer of the round's own: a push records a gzipped copy of each layer it sends.
                await ProcessRunner.RunAsync("sh", ["-c", $"head -c 8388608 /dev/urandom > {Work}/rootfs/random && tar -C {Work}/rootfs -cf {Work}/push.tar ."]);
                await _daemon.DockerOk("import", Path.Combine(Work, "push.tar"), $"{registry.Host}/{name}:1");
                return (_daemon.Docker("push", $"{registry.Host}/{name}:1"), 1500);
            default:
                return (_daemon.Docker("build", "-t", name + ":1", Path.Combine(Work, "context")), 4000);
        }
    }

    /// <summary>What is wrong with the store after a restart: images that cannot be saved whole, containers in impossible states.</summary>
    private async Task<List<string>> InconsistenciesAsync()
    {
        var problems = new List<string>();
        using var client = _daemon.CreateHttpClient();
        foreach (string id in await ImageIdsAsync())
        {
            // A save reads every layer and the config: a missing blob or layer fails it.
            using var response = await client.GetAsync($"/images/{id}/get", HttpCompletionOption.ResponseHeadersRead);
            long bytes = 0;
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync();
                bytes = await CountAsync(body);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                problems.Add($"image {id[..19]} cannot be saved: {e.Message}");
            }
            if (!response.IsSuccessStatusCode || bytes == 0)
                problems.Add($"image {id[..19]} cannot be saved: {(int)response.StatusCode}");
        }
        using var list = JsonDocument.Parse(await client.GetStringAsync("/containers/json?all=1"));
        foreach (var c in list.RootElement.EnumerateArray())
        {
            string id = c.GetProperty("Id").GetString()!;
            using var inspect = JsonDocument.Parse(await client.GetStringAsync($"/containers/{id}/json"));
            var state = inspect.RootElement.GetProperty("State");
            string status = state.GetProperty("Status").GetString()!;
            int pid = state.GetProperty("Pid").GetInt32();
            bool alive = pid > 0 && Directory.Exists($"/proc/{pid}");
            if (status is "running" or "paused" ? !alive : pid != 0 || status is not ("created" or "exited" or "dead"))
                problems.Add($"container {id[..12]} is {status} with pid {pid} ({(alive ? "alive" : "gone")})");
        }
        // Every address the default bridge holds is a running container's (host-local's layout: one file per address, naming its holder).
        var running = (await _daemon.DockerOk("ps", "-q", "--no-trunc")).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        string held = Path.Combine(_daemon.DataRoot, "network", "ipam", "bridge");
        if (Directory.Exists(held))
            foreach (string file in Directory.GetFiles(held).Where(f => System.Net.IPAddress.TryParse(Path.GetFileName(f), out _)))
                if (!running.Contains(File.ReadAllText(file).Split('\n')[0].Trim()))
                    problems.Add($"address {Path.GetFileName(file)} held for a container not running");
        return problems;
    }

    private static async Task<long> CountAsync(Stream stream)
    {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
            total += n;
        return total;
    }

    private async Task<List<string>> ImageIdsAsync() =>
        (await _daemon.DockerOk("images", "-aq", "--no-trunc")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();

    /// <summary>Removes every container, and every image the round made (children before parents).</summary>
    private async Task RemoveAllButAsync(IReadOnlyCollection<string> keep)
    {
        foreach (string id in (await _daemon.DockerOk("ps", "-aq")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            await _daemon.DockerOk("rm", "-f", "-v", id);
        // A removed container's directories leave through trash-* in the background: give that a moment (one that stays is a leak).
        for (int wait = 0; wait < 50 && new[] { "overlay", "containers" }.Any(d => Directory.EnumerateDirectories(Path.Combine(_daemon.DataRoot, d), "trash-*").Any()); wait++)
            await Task.Delay(100);
        for (int pass = 0; pass < 5; pass++)
        {
            var extra = (await ImageIdsAsync()).Except(keep).ToList();
            if (extra.Count == 0)
                return;
            foreach (string id in extra)
                await _daemon.Docker("rmi", "-f", id);
        }
    }

    /// <summary>Everything the daemon keeps per image and container under its data root.</summary>
    private HashSet<string> StoreFiles()
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        // Not builder/cache: its entries outlive their images, as Docker's build cache does (a miss once the image is gone).
        foreach (string dir in new[] { "content/sha256", "content/ingest", "overlay", "containers", "tmp", "builder/tmp" })
        {
            string path = Path.Combine(_daemon.DataRoot, dir);
            if (Directory.Exists(path))
                files.UnionWith(Directory.EnumerateFileSystemEntries(path).Select(e => dir + "/" + Path.GetFileName(e)));
        }
        return files;
    }

    [RequiresRootFact]
    public async Task Create_start_rm_cycles_leave_nothing_behind()
    {
        int cycles = Setting("BERTH_CHAOS_CYCLES", 100);
        using var client = _daemon.CreateHttpClient();
        var ids = new List<string>();
        for (int i = 0; i < 5; i++) // warm-up: the bridge, its rules and the daemon's pools exist from here on
            ids.Add(await CycleAsync(client, i));
        var before = await HostCountsAsync();
        var fdsBefore = FdKinds();
        for (int i = 0; i < cycles; i++)
            ids.Add(await CycleAsync(client, i));
        // A container's veth goes with its network namespace, which the kernel frees from a work
        // queue after the namespace's last reference (berthd does not wait for it on the exit path).
        var after = await HostCountsAsync();
        // A removed container's directories are deleted in the background too.
        for (int wait = 0; wait < 50 && (after["veths"] > before["veths"] || after["containers"] > before["containers"]); wait++)
        {
            await Task.Delay(100);
            after = await HostCountsAsync();
        }
        var fdsAfter = FdKinds();
        int cgroups = ids.Count(id => Directory.Exists("/sys/fs/cgroup/berth/" + id));

        Report($"cycles: {cycles} create/start/rm; before {Format(before)}; after {Format(after)}; cgroups left {cgroups}");
        foreach (string key in new[] { "mounts", "netns", "veths", "iptables", "runc", "conmon", "containers" })
            Assert.True(before[key] == after[key], $"{key}: {before[key]} before, {after[key]} after");
        Assert.Equal(0, cgroups);
        // The runtime's pools grow a little with load; a leak per cycle would be hundreds.
        Assert.True(after["fds"] <= before["fds"] + 20, $"fds: {before["fds"]} before, {after["fds"]} after; by kind, after: "
            + string.Join(", ", fdsAfter.Select(kv => $"{kv.Key} {fdsBefore.GetValueOrDefault(kv.Key)}->{kv.Value}")));
        Assert.True(after["threads"] <= before["threads"] + 20, $"threads: {before["threads"]} before, {after["threads"]} after");
    }

    /// <summary>The daemon's open files by what they are (socket, pipe, anon_inode:[eventfd], a directory...).</summary>
    private Dictionary<string, int> FdKinds()
    {
        var kinds = new Dictionary<string, int>();
        foreach (string fd in Directory.EnumerateFileSystemEntries($"/proc/{_daemon.Pid}/fd"))
        {
            string target = new FileInfo(fd).LinkTarget ?? "?";
            string kind = target.Contains(':') ? target.Split(':')[0] + (target.StartsWith("anon_inode:", StringComparison.Ordinal) ? target[10..] : "")
                : Path.GetDirectoryName(target) ?? target;
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }
        return kinds;
    }

    private static string Format(Dictionary<string, int> counts) => string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"));

    /// <summary>One container through create, start, wait and remove; every tenth publishes a port (iptables rules).</summary>
    private static async Task<string> CycleAsync(HttpClient client, int i)
    {
        string ports = i % 10 == 0 ? ""","ExposedPorts":{"80/tcp":{}},"HostConfig":{"PortBindings":{"80/tcp":[{"HostPort":""}]}}""" : "";
        var create = await client.PostAsync($"/containers/create?name=chaos-cycle-{Guid.NewGuid():N}",
            new StringContent($$"""{"Image":"busybox","Cmd":["true"]{{ports}}}""", Encoding.UTF8, "application/json"));
        string body = await create.Content.ReadAsStringAsync();
        Assert.True(create.IsSuccessStatusCode, body);
        string id = JsonDocument.Parse(body).RootElement.GetProperty("Id").GetString()!;
        var start = await client.PostAsync($"/containers/{id}/start", null);
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        await client.PostAsync($"/containers/{id}/wait", null);
        var rm = await client.DeleteAsync($"/containers/{id}?force=1");
        Assert.True(rm.IsSuccessStatusCode, await rm.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>What containers may leave on the host, counted for this daemon only (its roots, its network namespace, its process).</summary>
    private async Task<Dictionary<string, int>> HostCountsAsync()
    {
        string[] roots = [_daemon.DataRoot + "/", _daemon.ExecRoot + "/"];
        int pid = _daemon.Pid ?? throw new InvalidOperationException("berthd is not running");
        var veths = await _daemon.InHostNetwork("ip", "-o", "link", "show", "type", "veth");
        var rules = await _daemon.InHostNetwork("iptables-save");
        return new Dictionary<string, int>
        {
            ["mounts"] = File.ReadLines("/proc/self/mountinfo").Count(l => roots.Any(r => l.Split(' ')[4].StartsWith(r, StringComparison.Ordinal))),
            ["netns"] = Count(Path.Combine(_daemon.ExecRoot, "netns")),
            ["veths"] = veths.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length,
            ["iptables"] = rules.Stdout.Split('\n').Count(l => l.StartsWith("-A", StringComparison.Ordinal)),
            ["runc"] = Count(Path.Combine(_daemon.ExecRoot, "runc")),
            ["conmon"] = Directory.GetDirectories("/proc").Count(d => int.TryParse(Path.GetFileName(d), out _) && CmdlineOf(d).Contains(_daemon.ExecRoot)
                && CmdlineOf(d).Contains("conmon")),
            ["containers"] = Count(Path.Combine(_daemon.DataRoot, "containers")) + Count(Path.Combine(_daemon.DataRoot, "overlay")),
            ["fds"] = Count($"/proc/{pid}/fd"),
            ["threads"] = Count($"/proc/{pid}/task"),
        };
    }

    private static int Count(string dir) => Directory.Exists(dir) ? Directory.EnumerateFileSystemEntries(dir).Count() : 0;

    private static string CmdlineOf(string proc)
    {
        try { return File.ReadAllText(Path.Combine(proc, "cmdline")); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }
}
