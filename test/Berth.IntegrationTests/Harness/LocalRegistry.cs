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
    private Process? _tokenServer;

    private LocalRegistry(DaemonFixture daemon, int port)
    {
        _daemon = daemon;
        Port = port;
    }

    public string Dir { get; } = Directory.CreateTempSubdirectory("berth-registry-").FullName;
    public int Port { get; }
    /// <summary><c>127.0.0.1:PORT</c> (with TLS: the daemon's non-loopback address), the registry part of image names.</summary>
    public string Host => (Tls ? DaemonFixture.HostAddress : "127.0.0.1") + ":" + Port;
    /// <summary>Served over TLS with a self-signed certificate (<see cref="CaFile"/>) on an address that is not insecure.</summary>
    public bool Tls { get; private init; }
    public string CaFile => Path.Combine(Dir, "registry.crt");
    public (string User, string Password)? Credentials { get; private init; }
    /// <summary>Behind distribution's token authentication (a Bearer challenge), with a token server of the test's own.</summary>
    public bool TokenAuth { get; private init; }
    public int TokenPort => Port + 1;

    public static bool Available => File.Exists("/usr/bin/docker-registry") && File.Exists("/usr/bin/skopeo");

    public static async Task<LocalRegistry> StartAsync(DaemonFixture daemon, (string User, string Password)? credentials = null, bool tokenAuth = false,
        bool tls = false, int? port = null)
    {
        var registry = new LocalRegistry(daemon, port ?? Random.Shared.Next(20000, 40000)) { Credentials = credentials, TokenAuth = tokenAuth, Tls = tls };
        await registry.RunAsync();
        return registry;
    }

    private async Task RunAsync()
    {
        string auth = "";
        if (TokenAuth && Credentials is { } t)
        {
            string key = Path.Combine(Dir, "token.key"), cert = Path.Combine(Dir, "token.crt");
            var made = await ProcessRunner.RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                "-days", "1", "-subj", "/CN=berth-test-token"]);
            if (made.ExitCode != 0)
                throw new InvalidOperationException("openssl req failed: " + made);
            string script = Path.Combine(Repo.Root, "test", "Berth.IntegrationTests", "Harness", "Data", "token-server.py");
            _tokenServer = StartInHostNetwork(["python3", script, TokenPort.ToString(), key, cert, "berth-test-issuer", t.User, t.Password]);
            auth = $"auth:\n  token:\n    realm: http://127.0.0.1:{TokenPort}/token\n    service: berth-test\n    issuer: berth-test-issuer\n"
                + $"    rootcertbundle: {cert}\n";
        }
        else if (Credentials is { } c)
        {
            var hash = await ProcessRunner.RunAsync("htpasswd", ["-Bbn", c.User, c.Password]);
            if (hash.ExitCode != 0)
                throw new InvalidOperationException("htpasswd failed (apache2-utils): " + hash);
            File.WriteAllText(Path.Combine(Dir, "htpasswd"), hash.Stdout.Trim() + "\n");
            auth = $"auth:\n  htpasswd:\n    realm: berth-test\n    path: {Path.Combine(Dir, "htpasswd")}\n";
        }
        string tls = "";
        if (Tls)
        {
            string key = Path.Combine(Dir, "registry.key");
            var made = await ProcessRunner.RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", CaFile,
                "-days", "1", "-subj", "/CN=berth-test-registry", "-addext", $"subjectAltName=IP:{DaemonFixture.HostAddress}"]);
            if (made.ExitCode != 0)
                throw new InvalidOperationException("openssl req failed: " + made);
            tls = $"  tls:\n    certificate: {CaFile}\n    key: {key}\n";
        }
        string config = Path.Combine(Dir, "config.yml");
        File.WriteAllText(config, $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {Path.Combine(Dir, "data")}\n"
            + $"  delete:\n    enabled: true\nhttp:\n  addr: {Host}\n{tls}{auth}");
        _process = StartInHostNetwork(["/usr/bin/docker-registry", "serve", config]);
        for (int i = 0; i < 100; i++)
        {
            var ping = await _daemon.InHostNetwork("curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", $"{(Tls ? "https" : "http")}://{Host}/v2/");
            var token = TokenAuth
                ? await _daemon.InHostNetwork("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", $"http://127.0.0.1:{TokenPort}/token")
                : new CommandResult(0, "200", "");
            if (ping.Stdout is "200" or "401" && token.Stdout == "200")
                return;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("docker-registry (or its token server) did not answer on " + Host);
    }

    /// <summary>Starts a program in the daemon's network namespace; nsenter execs it, so the process is the program.</summary>
    private Process StartInHostNetwork(string[] command)
    {
        var info = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "--net=" + _daemon.HostNetns }.Concat(command))
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Copies berthd's <paramref name="image"/> into this registry as <paramref name="target"/> (<c>repo:tag</c>).</summary>
    public async Task SeedAsync(string image, string target)
    {
        string archive = Path.Combine(Dir, "seed.tar");
        var save = await _daemon.Docker("save", "-o", archive, image);
        if (save.ExitCode != 0)
            throw new InvalidOperationException("docker save failed: " + save);
        var args = new List<string> { "skopeo", "copy", "-q", "--dest-tls-verify=false" }; // skopeo: not verified, berthd: verified
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
        foreach (var process in new[] { _process, _tokenServer })
        {
            if (process is null)
                continue;
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }
        Directory.Delete(Dir, recursive: true);
    }
}
