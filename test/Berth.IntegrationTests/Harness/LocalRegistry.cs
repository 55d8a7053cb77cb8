using System.Diagnostics;

namespace Berth.IntegrationTests.Harness;

/// <summary>
/// Debian's <c>docker-registry</c> (distribution 2.8) on a free loopback port inside the
/// daemon's network namespace, where berthd reaches it as <c>127.0.0.1:PORT</c> (insecure by
/// default, so plain http). Optionally behind htpasswd (bcrypt, from <c>htpasswd -B</c>).
/// Seeded with skopeo from a <c>docker save</c> of berthd's own images. Disposing kills it and
/// removes its storage.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    private readonly DaemonFixture _daemon;
    private Process? _process;

    private LocalRegistry(DaemonFixture daemon, int port)
    {
        _daemon = daemon;
        Port = port;
    }

    public string Dir { get; } = Directory.CreateTempSubdirectory("berth-registry-").FullName;
    public int Port { get; }
    /// <summary><c>127.0.0.1:PORT</c>, the registry part of image names.</summary>
    public string Host => "127.0.0.1:" + Port;
    public (string User, string Password)? Credentials { get; private init; }

    public static bool Available => File.Exists("/usr/bin/docker-registry") && File.Exists("/usr/bin/skopeo");

    public static async Task<LocalRegistry> StartAsync(DaemonFixture daemon, (string User, string Password)? credentials = null)
    {
        var registry = new LocalRegistry(daemon, Random.Shared.Next(20000, 40000)) { Credentials = credentials };
        await registry.RunAsync();
        return registry;
    }

    private async Task RunAsync()
    {
        string auth = "";
        if (Credentials is { } c)
        {
            var hash = await ProcessRunner.RunAsync("htpasswd", ["-Bbn", c.User, c.Password]);
            if (hash.ExitCode != 0)
                throw new InvalidOperationException("htpasswd failed (apache2-utils): " + hash);
            File.WriteAllText(Path.Combine(Dir, "htpasswd"), hash.Stdout.Trim() + "\n");
            auth = $"auth:\n  htpasswd:\n    realm: berth-test\n    path: {Path.Combine(Dir, "htpasswd")}\n";
        }
        string config = Path.Combine(Dir, "config.yml");
        File.WriteAllText(config, $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {Path.Combine(Dir, "data")}\n"
            + $"  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{Port}\n{auth}");
        var info = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "--net=" + _daemon.HostNetns, "/usr/bin/docker-registry", "serve", config })
            info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (int i = 0; i < 100; i++)
        {
            var ping = await _daemon.InHostNetwork("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", $"http://{Host}/v2/");
            if (ping.Stdout is "200" or "401")
                return;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("docker-registry did not answer on " + Host);
    }

    /// <summary>Copies berthd's <paramref name="image"/> into this registry as <paramref name="target"/> (<c>repo:tag</c>).</summary>
    public async Task SeedAsync(string image, string target)
    {
        string archive = Path.Combine(Dir, "seed.tar");
        var save = await _daemon.Docker("save", "-o", archive, image);
        if (save.ExitCode != 0)
            throw new InvalidOperationException("docker save failed: " + save);
        var args = new List<string> { "skopeo", "copy", "-q", "--dest-tls-verify=false" };
        if (Credentials is { } c)
            args.Add($"--dest-creds={c.User}:{c.Password}");
        args.AddRange(["docker-archive:" + archive, $"docker://{Host}/{target}"]);
        var copy = await _daemon.InHostNetwork([.. args]);
        File.Delete(archive);
        if (copy.ExitCode != 0)
            throw new InvalidOperationException("skopeo copy failed: " + copy);
    }

    /// <summary><c>skopeo inspect</c> of <paramref name="target"/>: the registry's own view of what was pushed.</summary>
    public Task<CommandResult> InspectAsync(string target, params string[] extra)
    {
        var args = new List<string> { "skopeo", "inspect", "--tls-verify=false" };
        if (Credentials is { } c)
            args.Add($"--creds={c.User}:{c.Password}");
        args.AddRange(extra);
        args.Add($"docker://{Host}/{target}");
        return _daemon.InHostNetwork([.. args]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            // nsenter execs the registry: this is the registry's own PID.
            _process.Kill();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
        Directory.Delete(Dir, recursive: true);
    }
}
