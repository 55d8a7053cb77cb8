using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// <c>docker login</c>, then push and pull with the stored credentials, against a registry
/// behind htpasswd (HTTP Basic); wrong passwords fail as Docker's. The CLI's config lives in
/// a directory of the test's own (<c>DOCKER_CONFIG</c>).
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class PushPullAuthTests(DaemonFixture daemon)
{
    private Task<CommandResult> Docker(string config, params string[] args) =>
        ProcessRunner.RunAsync(Repo.DockerCli, args, null, new Dictionary<string, string> { ["DOCKER_HOST"] = daemon.Host, ["DOCKER_CONFIG"] = config });

    [RequiresRootFact]
    public async Task Login_push_and_pull_with_basic_auth()
    {
        if (!LocalRegistry.Available || !File.Exists("/usr/bin/htpasswd")) return;
        await using var registry = await LocalRegistry.StartAsync(daemon, ("alice", "s3cret"));
        string config = Directory.CreateTempSubdirectory("berth-dockercfg-").FullName;
        string name = registry.Host + "/private/bb:v1";
        try
        {
            var wrong = await Docker(config, "login", "-u", "alice", "-p", "wrong", registry.Host);
            Assert.Equal(1, wrong.ExitCode);
            Assert.Contains($"Error response from daemon: login attempt to http://{registry.Host}/v2/ failed with status: 401 Unauthorized", wrong.Stderr);

            var login = await ProcessRunner.RunAsync(Repo.DockerCli, ["login", "-u", "alice", "--password-stdin", registry.Host], "s3cret\n"u8.ToArray(),
                new Dictionary<string, string> { ["DOCKER_HOST"] = daemon.Host, ["DOCKER_CONFIG"] = config });
            Assert.True(login.ExitCode == 0, login.ToString());
            Assert.Contains("Login Succeeded", login.Stdout);
            Assert.Contains(registry.Host, File.ReadAllText(Path.Combine(config, "config.json")));

            await ScratchImage.CreateAsync(daemon, name);
            var push = await Docker(config, "push", name);
            Assert.True(push.ExitCode == 0, push.ToString());
            Assert.Contains("v1: digest: sha256:", push.Stdout);
            Assert.Equal(0, (await registry.InspectAsync("private/bb:v1")).ExitCode);

            await daemon.DockerOk("rmi", name);
            var pull = await Docker(config, "pull", name);
            Assert.True(pull.ExitCode == 0, pull.ToString());

            // Anonymous: refused as dockerd words it for a Basic registry.
            await daemon.DockerOk("rmi", name);
            var anonymous = await daemon.Docker("pull", name);
            Assert.Equal(1, anonymous.ExitCode);
            Assert.Contains("no basic auth credentials", anonymous.Stderr);

            // A wrong password in the stored login.
            await AssertWrongPasswordRefusedAsync(config, registry.Host, "alice", name);
        }
        finally
        {
            await daemon.Docker("rmi", name);
            Directory.Delete(config, recursive: true);
        }
    }

    [RequiresRootFact]
    public async Task Berth_login_stores_what_docker_reads_and_push_pull_logout_follow()
    {
        if (!LocalRegistry.Available || !File.Exists("/usr/bin/htpasswd")) return;
        await using var registry = await LocalRegistry.StartAsync(daemon, ("bob", "pa55"));
        string config = Directory.CreateTempSubdirectory("berth-dockercfg-").FullName;
        var env = new Dictionary<string, string> { ["DOCKER_CONFIG"] = config };
        Task<CommandResult> Berth(byte[]? stdin, params string[] args) => ProcessRunner.RunAsync(Repo.Berth, ["-H", daemon.Host, .. args], stdin, env);
        string name = registry.Host + "/berth/bb:v1";
        try
        {
            var wrong = await Berth("nope\n"u8.ToArray(), "login", "-u", "bob", "--password-stdin", registry.Host);
            Assert.Equal(1, wrong.ExitCode);
            Assert.Contains("401 Unauthorized", wrong.Stderr);

            var login = await Berth("pa55\n"u8.ToArray(), "login", "-u", "bob", "--password-stdin", registry.Host);
            Assert.True(login.ExitCode == 0, login.ToString());
            Assert.Equal("Login Succeeded\n", login.Stdout);

            await ScratchImage.CreateAsync(daemon, name);
            var push = await Berth(null, "push", name);
            Assert.True(push.ExitCode == 0, push.ToString());
            Assert.Contains("v1: digest: sha256:", push.Stdout);
            // The docker CLI uses the login berth stored.
            await daemon.DockerOk("rmi", name);
            var pull = await Docker(config, "pull", name);
            Assert.True(pull.ExitCode == 0, pull.ToString());

            var logout = await Berth(null, "logout", registry.Host);
            Assert.Equal($"Removing login credentials for {registry.Host}\n", logout.Stdout);
            await daemon.DockerOk("rmi", name);
            var anonymous = await Berth(null, "pull", name);
            Assert.Equal(1, anonymous.ExitCode);
            Assert.Contains("no basic auth credentials", anonymous.Stderr);
        }
        finally
        {
            await daemon.Docker("rmi", name);
            Directory.Delete(config, recursive: true);
        }
    }

    [RequiresRootFact]
    public async Task Bearer_token_flow_login_push_pull_and_wrong_password()
    {
        if (!LocalRegistry.Available || !File.Exists("/usr/bin/python3")) return;
        await using var registry = await LocalRegistry.StartAsync(daemon, ("carol", "t0ken"), tokenAuth: true);
        string config = Directory.CreateTempSubdirectory("berth-dockercfg-").FullName;
        string name = registry.Host + "/tokened/bb:v1";
        try
        {
            var wrong = await ProcessRunner.RunAsync(Repo.DockerCli, ["login", "-u", "carol", "--password-stdin", registry.Host], "bad\n"u8.ToArray(),
                new Dictionary<string, string> { ["DOCKER_HOST"] = daemon.Host, ["DOCKER_CONFIG"] = config });
            Assert.Equal(1, wrong.ExitCode);
            Assert.Contains("unauthorized: authentication required", wrong.Stderr);

            var login = await ProcessRunner.RunAsync(Repo.DockerCli, ["login", "-u", "carol", "--password-stdin", registry.Host], "t0ken\n"u8.ToArray(),
                new Dictionary<string, string> { ["DOCKER_HOST"] = daemon.Host, ["DOCKER_CONFIG"] = config });
            Assert.True(login.ExitCode == 0, login.ToString());

            await ScratchImage.CreateAsync(daemon, name);
            var push = await Docker(config, "push", name);
            Assert.True(push.ExitCode == 0, push.ToString());
            Assert.Contains("v1: digest: sha256:", push.Stdout);
            await daemon.DockerOk("rmi", name);
            var pull = await Docker(config, "pull", name);
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Equal("ok", await daemon.DockerOk("run", "--rm", "--network", "none", name, "echo", "ok"));

            // A wrong password stored: the token server refuses it.
            await daemon.DockerOk("rmi", name);
            await AssertWrongPasswordRefusedAsync(config, registry.Host, "carol", name);
        }
        finally
        {
            await daemon.Docker("rmi", name);
            Directory.Delete(config, recursive: true);
        }
    }

    [RequiresRootFact]
    public async Task Berth_login_keeps_the_secret_in_the_credential_helper_docker_also_uses()
    {
        if (!LocalRegistry.Available || !File.Exists("/usr/bin/htpasswd")) return;
        await using var registry = await LocalRegistry.StartAsync(daemon, ("dave", "h3lper"));
        string config = Directory.CreateTempSubdirectory("berth-dockercfg-").FullName;
        string helper = Path.Combine(config, "docker-credential-berthtest");
        File.WriteAllText(helper, """
            #!/bin/sh
            f="$(dirname "$0")/store.json"
            case "$1" in
              store) cat > "$f" ;;
              get) if [ -f "$f" ]; then cat "$f"; else echo "credentials not found in native keychain"; exit 1; fi ;;
              erase) rm -f "$f" ;;
            esac
            """.Replace("\r", ""));
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(config, "config.json"), """{"credsStore": "berthtest"}""");
        var env = new Dictionary<string, string>
        {
            ["DOCKER_CONFIG"] = config, ["DOCKER_HOST"] = daemon.Host,
            ["PATH"] = config + ":" + Environment.GetEnvironmentVariable("PATH"),
        };
        string name = registry.Host + "/helped/bb:v1";
        try
        {
            var login = await ProcessRunner.RunAsync(Repo.Berth, ["-H", daemon.Host, "login", "-u", "dave", "--password-stdin", registry.Host], "h3lper\n"u8.ToArray(), env);
            Assert.True(login.ExitCode == 0, login.ToString());
            Assert.DoesNotContain("h3lper", File.ReadAllText(Path.Combine(config, "config.json")));
            Assert.Contains("h3lper", File.ReadAllText(Path.Combine(config, "store.json")));

            await ScratchImage.CreateAsync(daemon, name);
            var push = await ProcessRunner.RunAsync(Repo.DockerCli, ["push", name], null, env);
            Assert.True(push.ExitCode == 0, push.ToString());

            var logout = await ProcessRunner.RunAsync(Repo.Berth, ["-H", daemon.Host, "logout", registry.Host], null, env);
            Assert.True(logout.ExitCode == 0, logout.ToString());
            Assert.False(File.Exists(Path.Combine(config, "store.json")));
        }
        finally
        {
            await daemon.Docker("rmi", name);
            Directory.Delete(config, recursive: true);
        }
    }

    /// <summary>A wrong password stored in <c>config.json</c> as <c>docker login</c> would: the pull is refused as Docker's.</summary>
    private async Task AssertWrongPasswordRefusedAsync(string config, string host, string user, string name)
    {
        File.WriteAllText(Path.Combine(config, "config.json"),
            "{\"auths\":{\"" + host + "\":{\"auth\":\"" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":nope")) + "\"}}}");
        var refused = await Docker(config, "pull", name);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("unauthorized: authentication required", refused.Stderr);
    }

    [RequiresRootFact]
    public async Task Login_to_a_port_nothing_listens_on_says_so_in_dockerds_words()
    {
        string config = Directory.CreateTempSubdirectory("berth-dockercfg-").FullName;
        try
        {
            var r = await Docker(config, "login", "-u", "alice", "-p", "s3cret", "127.0.0.1:1");
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("Error response from daemon: Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused\n", r.Stderr);
            Assert.False(File.Exists(Path.Combine(config, "config.json")) && File.ReadAllText(Path.Combine(config, "config.json")).Contains("127.0.0.1:1"));
        }
        finally
        {
            Directory.Delete(config, true);
        }
    }
}
