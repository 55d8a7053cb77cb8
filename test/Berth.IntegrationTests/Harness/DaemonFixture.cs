using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;

namespace Berth.IntegrationTests.Harness;

/// <summary>
/// A real berthd on a private socket, data root and exec root, with the busybox image
/// imported. It runs in a network namespace of its own (its "host" network: loopback plus an
/// interface with <see cref="HostAddress"/>), so its bridge, veths and iptables rules never meet
/// the machine's or another daemon's, and vanish with the namespace. Disposing stops it and
/// removes everything it left: containers (conmon and runc state), mounts, its directories.
/// </summary>
public sealed class DaemonFixture : IAsyncLifetime
{
    private Process? _daemon;

    public string Dir { get; } = Directory.CreateTempSubdirectory("berth-it-").FullName;
    public string Socket => Path.Combine(Dir, "berth.sock");
    public string DataRoot => Path.Combine(Dir, "data");
    public string ExecRoot => Path.Combine(Dir, "exec");
    public string Host => "unix://" + Socket;
    /// <summary>The daemon's network namespace, pinned on a file.</summary>
    public string HostNetns => Path.Combine(Dir, "hostns");
    /// <summary>An address of the daemon's host network other than loopback (TEST-NET-2).</summary>
    public const string HostAddress = "198.51.100.1";
    public const string Bridge = "berthtest0";
    public const string Bip = "10.199.0.1/16";
    /// <summary>More berthd flags, for tests of the daemon's own settings.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    public async Task InitializeAsync()
    {
        if (Environment.UserName != "root" || !File.Exists(Repo.Berthd))
            return; // the tests skip themselves
        await CreateHostNetworkAsync();
        await StartAsync();
        var import = await ProcessRunner.RunAsync(Repo.Script("busybox-image.sh"), ["busybox:latest"],
            env: new Dictionary<string, string> { ["CLIENT"] = $"{Repo.DockerCli} -H {Host}" });
        if (import.ExitCode != 0)
            throw new InvalidOperationException("importing busybox failed: " + import);
    }

    /// <summary>Starts berthd on this fixture's roots (again, after <see cref="Kill"/>).</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("nsenter") // nsenter execs berthd: the process is the daemon
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "--net=" + HostNetns, Repo.Berthd, "-H", Host, "--data-root", DataRoot, "--exec-root", ExecRoot, "--bridge", Bridge, "--bip", Bip }.Concat(ExtraArgs))
            info.ArgumentList.Add(a);
        _daemon = Process.Start(info)!;
        var daemon = _daemon;
        var lastLines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is null) return;
            lastLines.Enqueue(line);
            while (lastLines.Count > 40 && lastLines.TryDequeue(out _)) { }
        }
        _daemon.OutputDataReceived += (_, e) => Keep(e.Data);
        _daemon.ErrorDataReceived += (_, e) => Keep(e.Data);
        _daemon.BeginOutputReadLine();
        _daemon.BeginErrorReadLine();
        using var client = CreateHttpClient();
        // 30 s: a loaded machine can be slow to bring a daemon back with its containers.
        for (int i = 0; i < 600 && !daemon.HasExited; i++)
        {
            try
            {
                if ((await client.GetAsync("/_ping")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException("berthd did not answer /_ping"
            + (daemon.HasExited ? $" (it exited with {daemon.ExitCode})" : "") + "; its last output:\n" + string.Join("\n", lastLines));
    }

    private async Task CreateHostNetworkAsync()
    {
        File.WriteAllBytes(HostNetns, []);
        await Must(ProcessRunner.RunAsync("unshare", ["--net=" + HostNetns, "true"]));
        await Must(InHostNetwork("sh", "-c",
            $"ip link set lo up && ip link add hostif type veth peer name hostpeer && ip addr add {HostAddress}/24 dev hostif && ip link set hostif up && ip link set hostpeer up"));
        // As on a host where Docker is installed: forwarding is dropped unless a rule lets it through.
        await Must(InHostNetwork("iptables", "-w", "-P", "FORWARD", "DROP"));
    }

    private static async Task Must(Task<CommandResult> command)
    {
        var r = await command;
        if (r.ExitCode != 0)
            throw new InvalidOperationException("setting up the daemon's network failed: " + r);
    }

    /// <summary>Runs a host program (curl, ip, iptables) in the daemon's host network.</summary>
    public Task<CommandResult> InHostNetwork(params string[] command) =>
        ProcessRunner.RunAsync("nsenter", new[] { "--net=" + HostNetns }.Concat(command));

    /// <summary>The running daemon's process ID (nsenter execs berthd), for counting its fds and threads.</summary>
    public int? Pid => _daemon?.Id;

    /// <summary>kill -9 of the daemon, as a crash would.</summary>
    public void Kill()
    {
        _daemon?.Kill();
        _daemon?.WaitForExit();
        _daemon = null;
    }

    public Task<CommandResult> Docker(params string[] args) => DockerWith(null, args);

    /// <summary>The docker CLI, which must succeed; its output, trimmed.</summary>
    public async Task<string> DockerOk(params string[] args)
    {
        var r = await Docker(args);
        Xunit.Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout.Trim();
    }

    /// <summary>
    /// The docker CLI run inside a terminal of <paramref name="rows"/> x <paramref name="columns"/>
    /// (util-linux <c>script</c> makes it), as a user at a terminal runs it, with nothing typed.
    /// </summary>
    public Task<CommandResult> DockerAtTerminal(int rows, int columns, params string[] args) =>
        AtTerminal(rows, columns, $"DOCKER_HOST={Host} {Repo.DockerCli}", [], args);

    /// <summary>
    /// The docker CLI at a terminal of 24 x 80, as <see cref="DockerAtTerminal"/>, with keys
    /// typed (Latin-1, so "\u0010" is Ctrl-p) as <see cref="Keystrokes"/> say. The input stays
    /// open until the CLI exits, as a user's terminal does.
    /// </summary>
    public Task<CommandResult> DockerTyping(IEnumerable<Keystrokes> typing, params string[] args) =>
        AtTerminal(24, 80, $"DOCKER_HOST={Host} {Repo.DockerCli}", typing, args);

    /// <summary>Berth's own CLI at a terminal, typed at as in <see cref="DockerTyping"/>.</summary>
    public Task<CommandResult> BerthTyping(IEnumerable<Keystrokes> typing, params string[] args) =>
        AtTerminal(24, 80, $"{Repo.Berth} -H {Host}", typing, args);

    private static Task<CommandResult> AtTerminal(int rows, int columns, string cli, IEnumerable<Keystrokes> typing, string[] args) =>
        ProcessRunner.RunAsync("script", ["-qec", $"stty rows {rows} cols {columns}; {cli} "
            + string.Join(' ', args.Select(a => "'" + a.Replace("'", "'\\''") + "'")), "/dev/null"],
            async (stdin, output) =>
            {
                foreach (var (keys, after, delay) in typing)
                {
                    if (after is not null && !await output.WaitForAsync(after, TimeSpan.FromSeconds(30)))
                        return;
                    await Task.Delay(delay);
                    await stdin.WriteAsync(System.Text.Encoding.Latin1.GetBytes(keys));
                    await stdin.FlushAsync();
                }
            }, closeStdinWhenFed: false);

    /// <summary>Berth's own CLI (<c>bin/berth</c>) against this daemon.</summary>
    public Task<CommandResult> Berth(params string[] args) => ProcessRunner.RunAsync(Repo.Berth, ["-H", Host, .. args]);

    /// <summary>Berth's CLI left running, to be interrupted as with Ctrl-C.</summary>
    public InterruptibleProcess BerthStreaming(params string[] args) => InterruptibleProcess.Start(Repo.Berth, ["-H", Host, .. args]);

    /// <summary>Berth's CLI with <paramref name="stdin"/> piped in.</summary>
    public Task<CommandResult> BerthWith(byte[]? stdin, params string[] args) => ProcessRunner.RunAsync(Repo.Berth, ["-H", Host, .. args], stdin);

    /// <summary>Berth's CLI inside a terminal of <paramref name="rows"/> x <paramref name="columns"/>, as <see cref="DockerAtTerminal"/>.</summary>
    public Task<CommandResult> BerthAtTerminal(int rows, int columns, params string[] args) =>
        ProcessRunner.RunAsync("script", ["-qec", $"stty rows {rows} cols {columns}; {Repo.Berth} -H {Host} "
            + string.Join(' ', args.Select(a => "'" + a.Replace("'", "'\\''") + "'")), "/dev/null"]);

    public Task<CommandResult> DockerWith(byte[]? stdin, params string[] args) =>
        ProcessRunner.RunAsync(Repo.DockerCli, args, stdin, new Dictionary<string, string> { ["DOCKER_HOST"] = Host });

    public HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket), ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = new Uri("http://berth") };

    public async Task DisposeAsync()
    {
        if (_daemon is not null)
        {
            // Remove what the tests left, through the daemon, then stop it.
            var all = await Docker("ps", "-aq");
            foreach (string id in all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                await Docker("rm", "-f", id);
            _daemon.Kill(entireProcessTree: false);
            await _daemon.WaitForExitAsync();
        }
        await Cleanup.RemoveLeftoversAsync(ExecRoot, DataRoot);
        if (File.Exists(HostNetns))
            await ProcessRunner.RunAsync("umount", ["-l", HostNetns]);
        Directory.Delete(Dir, recursive: true);
    }
}
