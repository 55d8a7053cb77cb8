using System.Diagnostics;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// Where the built-in registry may listen: off loopback only with TLS and htpasswd users
/// (berthd refuses to start otherwise), and then it answers only to a valid user. Each berthd
/// here runs in a network namespace of its own, made for the test.
/// </summary>
public sealed class RegistryListenerTests : IDisposable
{
    private const string Address = "198.51.100.7";
    private readonly string _dir = Directory.CreateTempSubdirectory("berth-reg-listen-").FullName;

    private string[] DaemonArgs(params string[] extra) =>
        ["-H", "unix://" + Path.Combine(_dir, "berth.sock"), "--data-root", Path.Combine(_dir, "data"), "--exec-root", Path.Combine(_dir, "exec"),
         "--bridge", "berthreg0", "--bip", "10.196.0.1/24", .. extra];

    [RequiresRootFact]
    public async Task A_non_loopback_address_without_tls_and_users_is_refused()
    {
        var plain = await ProcessRunner.RunAsync(Repo.Berthd, DaemonArgs("--registry-addr", "0.0.0.0:5999"));
        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("berthd: --registry-addr 0.0.0.0:5999 is not a loopback address: the registry is served there only with TLS "
            + "(--registry-tlscert, --registry-tlskey) and users (--registry-htpasswd)", plain.Stderr);
        var noUsers = await ProcessRunner.RunAsync(Repo.Berthd, DaemonArgs("--registry-addr", "0.0.0.0:5999",
            "--registry-tlscert", "/nonexistent.crt", "--registry-tlskey", "/nonexistent.key"));
        Assert.Equal(1, noUsers.ExitCode);
        Assert.Contains("is not a loopback address", noUsers.Stderr);
        var bad = await ProcessRunner.RunAsync(Repo.Berthd, DaemonArgs("--registry-addr", "nowhere"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("invalid --registry-addr nowhere", bad.Stderr);
    }

    [RequiresRootFact]
    public async Task Off_loopback_the_registry_serves_tls_to_htpasswd_users_only()
    {
        string netns = Path.Combine(_dir, "netns"), crt = Path.Combine(_dir, "reg.crt"), key = Path.Combine(_dir, "reg.key"), users = Path.Combine(_dir, "htpasswd");
        File.WriteAllBytes(netns, []);
        Assert.Equal(0, (await ProcessRunner.RunAsync("unshare", ["--net=" + netns, "sh", "-c", $"ip link set lo up && ip addr add {Address}/24 dev lo"])).ExitCode);
        Assert.Equal(0, (await ProcessRunner.RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt,
            "-days", "1", "-subj", "/CN=berth-reg-test", "-addext", $"subjectAltName=IP:{Address}"])).ExitCode);
        var hash = await ProcessRunner.RunAsync("htpasswd", ["-Bbn", "reguser", "regpass"]);
        Assert.True(hash.ExitCode == 0, hash.ToString());
        File.WriteAllText(users, hash.Stdout.Trim() + "\n");

        var info = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "--net=" + netns, Repo.Berthd }.Concat(DaemonArgs("--registry-addr", $"{Address}:5443",
            "--registry-tlscert", crt, "--registry-tlskey", key, "--registry-htpasswd", users)))
            info.ArgumentList.Add(a);
        using var daemon = Process.Start(info)!;
        daemon.OutputDataReceived += (_, _) => { };
        daemon.ErrorDataReceived += (_, _) => { };
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();
        try
        {
            Task<CommandResult> Curl(params string[] args) => ProcessRunner.RunAsync("nsenter",
                ["--net=" + netns, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", crt, .. args, $"https://{Address}:5443/v2/"]);
            string status = "";
            for (int i = 0; i < 100 && status is "" or "000"; i++, await Task.Delay(100))
                status = (await Curl()).Stdout;
            Assert.Equal("401", status);
            Assert.Equal("401", (await Curl("-u", "reguser:wrong")).Stdout);
            Assert.Equal("200", (await Curl("-u", "reguser:regpass")).Stdout);
            var challenge = await ProcessRunner.RunAsync("nsenter", ["--net=" + netns, "curl", "-s", "-D", "-", "--cacert", crt, $"https://{Address}:5443/v2/"]);
            Assert.Contains("www-authenticate: Basic realm=\"berth registry\"", challenge.Stdout, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\"code\":\"UNAUTHORIZED\"", challenge.Stdout);
        }
        finally
        {
            daemon.Kill();
            await daemon.WaitForExitAsync();
            await Cleanup.RemoveLeftoversAsync(Path.Combine(_dir, "exec"), Path.Combine(_dir, "data"));
            await ProcessRunner.RunAsync("umount", ["-l", netns]);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
