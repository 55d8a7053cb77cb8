using System.Diagnostics;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// The API on TCP with mutual TLS (<c>--tlsverify</c>), as dockerd serves it: the docker CLI and
/// berth reach it with their TLS flags or <c>DOCKER_HOST</c>/<c>DOCKER_TLS_VERIFY</c>/<c>DOCKER_CERT_PATH</c>,
/// hijacked streams included; a client without a certificate of the CA is turned away. Certificates
/// are made by openssl for the test. Uses a daemon of its own.
/// </summary>
public sealed class ApiTlsTests : IAsyncLifetime
{
    private const string Address = "tcp://127.0.0.1:23761";
    private readonly TestCertificates _certs = TestCertificates.Create();
    private readonly DaemonFixture _daemon;

    public ApiTlsTests() => _daemon = new DaemonFixture
    {
        ExtraArgs = ["-H", Address, "--tlsverify", "--tlscacert", _certs.Ca, "--tlscert", _certs.ServerCert, "--tlskey", _certs.ServerKey],
    };

    public Task InitializeAsync() => _daemon.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        Directory.Delete(_certs.Dir, recursive: true);
    }

    /// <summary>A client in the daemon's network, where its TCP listener is.</summary>
    private Task<CommandResult> Client(string program, IEnumerable<string> args, string env = "", string? stdin = null) =>
        ProcessRunner.RunAsync("nsenter", ["--net=" + _daemon.HostNetns, "sh", "-c", $"{env} exec \"$0\" \"$@\"", program, .. args],
            stdin is null ? null : System.Text.Encoding.UTF8.GetBytes(stdin));

    private string[] DockerTlsFlags => ["-H", Address, "--tlsverify", "--tlscacert", _certs.Ca, "--tlscert", _certs.ClientCert, "--tlskey", _certs.ClientKey];

    [RequiresRootFact]
    public async Task Docker_and_berth_speak_mutual_tls_and_clients_without_a_certificate_are_refused()
    {
        var version = await Client(Repo.DockerCli, [.. DockerTlsFlags, "version", "--format", "{{.Server.Os}}"]);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal("linux", version.Stdout.Trim());

        // The environment a docker-machine style setup exports; stdin through the hijacked stream.
        string env = $"DOCKER_HOST={Address} DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH={_certs.Dir}";
        var run = await Client(Repo.DockerCli, ["run", "--rm", "-i", "busybox", "cat"], env, stdin: "through tls\n");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("through tls", run.Stdout.Trim());

        var berth = await Client(Repo.Berth, [.. DockerTlsFlags, "run", "--rm", "busybox", "echo", "berth over tls"]);
        Assert.True(berth.ExitCode == 0, berth.ToString());
        Assert.Equal("berth over tls", berth.Stdout.Trim());
        var berthEnv = await Client(Repo.Berth, ["version", "--format", "{{.Server.Os}}"], env);
        Assert.True(berthEnv.ExitCode == 0, berthEnv.ToString());

        var ok = await Client("curl", ["-s", "--cacert", _certs.Ca, "--cert", _certs.ClientCert, "--key", _certs.ClientKey, "https://127.0.0.1:23761/_ping"]);
        Assert.Equal("OK", ok.Stdout);
        var noCert = await Client("curl", ["-s", "--cacert", _certs.Ca, "https://127.0.0.1:23761/_ping"]);
        Assert.NotEqual(0, noCert.ExitCode);
        var plain = await Client("curl", ["-s", "http://127.0.0.1:23761/_ping"]);
        Assert.NotEqual("OK", plain.Stdout);
        // A certificate the daemon's CA did not sign is refused too.
        var foreign = await Client(Repo.DockerCli, ["-H", Address, "--tlsverify", "--tlscacert", _certs.Ca, "--tlscert", _certs.ForeignCert, "--tlskey", _certs.ForeignKey, "version"]);
        Assert.NotEqual(0, foreign.ExitCode);
    }

    [RequiresRootFact]
    public async Task Contexts_made_by_berth_serve_docker_and_berth_alike()
    {
        string config = Directory.CreateTempSubdirectory("berth-ctx-").FullName;
        try
        {
            string env = "DOCKER_CONFIG=" + config;
            var create = await Client(Repo.Berth, ["context", "create", "berth-tls-ctx", "--description", "mutual tls",
                "--docker", $"host={Address},ca={_certs.Ca},cert={_certs.ClientCert},key={_certs.ClientKey}"], env);
            Assert.True(create.ExitCode == 0, create.ToString());
            Assert.Equal("berth-tls-ctx", create.Stdout.Trim());
            Assert.Equal("Successfully created context \"berth-tls-ctx\"", create.Stderr.Trim());
            // Stored where the docker CLI stores contexts, so docker uses it as it is.
            var docker = await Client(Repo.DockerCli, ["--context", "berth-tls-ctx", "version", "--format", "{{.Server.Os}}"], env);
            Assert.True(docker.ExitCode == 0, docker.ToString());
            Assert.Equal("linux", docker.Stdout.Trim());

            var use = await Client(Repo.DockerCli, ["context", "use", "berth-tls-ctx"], env);
            Assert.True(use.ExitCode == 0, use.ToString());
            var ls = await Client(Repo.Berth, ["context", "ls", "--format", "{{.Name}}{{if .Current}} *{{end}} {{.DockerEndpoint}}"], env);
            Assert.Contains($"berth-tls-ctx * {Address}", ls.Stdout);
            var ps = await Client(Repo.Berth, ["run", "--rm", "busybox", "echo", "via context"], env);
            Assert.True(ps.ExitCode == 0, ps.ToString());
            Assert.Equal("via context", ps.Stdout.Trim());

            var inUse = await Client(Repo.Berth, ["context", "rm", "berth-tls-ctx"], env);
            Assert.Equal(1, inUse.ExitCode);
            Assert.Contains("is in use, set -f flag to force remove", inUse.Stderr);
            Assert.Equal(0, (await Client(Repo.Berth, ["context", "use", "default"], env)).ExitCode);
            Assert.Equal(0, (await Client(Repo.Berth, ["context", "rm", "berth-tls-ctx"], env)).ExitCode);
            var gone = await Client(Repo.DockerCli, ["context", "ls", "-q"], env);
            Assert.Equal("default", gone.Stdout.Trim());
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }
}

/// <summary>A CA, a server certificate for 127.0.0.1 and client certificates (one signed by another CA), made by openssl.</summary>
internal sealed record TestCertificates(string Dir)
{
    public string Ca => Path.Combine(Dir, "ca.pem");
    public string ServerCert => Path.Combine(Dir, "server-cert.pem");
    public string ServerKey => Path.Combine(Dir, "server-key.pem");
    public string ClientCert => Path.Combine(Dir, "cert.pem");
    public string ClientKey => Path.Combine(Dir, "key.pem");
    public string ForeignCert => Path.Combine(Dir, "foreign-cert.pem");
    public string ForeignKey => Path.Combine(Dir, "foreign-key.pem");

    public static TestCertificates Create()
    {
        string dir = Directory.CreateTempSubdirectory("berth-tls-").FullName;
        const string script = """
            set -e
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 2 -subj /CN=berth-test-ca
            openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca-key.pem -out other-ca.pem -days 2 -subj /CN=other-ca
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > server.ext
            printf 'extendedKeyUsage=clientAuth\n' > client.ext
            openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj /CN=127.0.0.1
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -days 2 -extfile server.ext
            openssl req -newkey rsa:2048 -nodes -keyout key.pem -out client.csr -subj /CN=client
            openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 2 -extfile client.ext
            openssl req -newkey rsa:2048 -nodes -keyout foreign-key.pem -out foreign.csr -subj /CN=foreign
            openssl x509 -req -in foreign.csr -CA other-ca.pem -CAkey other-ca-key.pem -CAcreateserial -out foreign-cert.pem -days 2 -extfile client.ext
            """;
        var info = new ProcessStartInfo("sh", ["-c", script]) { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        using var openssl = Process.Start(info)!;
        string errors = openssl.StandardError.ReadToEnd();
        openssl.WaitForExit();
        if (openssl.ExitCode != 0)
            throw new InvalidOperationException("openssl failed: " + errors);
        return new TestCertificates(dir);
    }
}
