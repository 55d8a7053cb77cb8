using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;

namespace Berth.IntegrationTests.Harness;

/// <summary>
/// A real berthd on a private socket, data root and exec root, with the busybox image
/// imported. Disposing stops it and removes everything it left: containers (conmon and
/// runc state), mounts under its data root, and its directories.
/// </summary>
public sealed class DaemonFixture : IAsyncLifetime
{
    private Process? _daemon;

    public string Dir { get; } = Directory.CreateTempSubdirectory("berth-it-").FullName;
    public string Socket => Path.Combine(Dir, "berth.sock");
    public string DataRoot => Path.Combine(Dir, "data");
    public string ExecRoot => Path.Combine(Dir, "exec");
    public string Host => "unix://" + Socket;

    public async Task InitializeAsync()
    {
        if (Environment.UserName != "root" || !File.Exists(Repo.Berthd))
            return; // the tests skip themselves
        await StartAsync();
        var import = await ProcessRunner.RunAsync(Repo.Script("busybox-image.sh"), ["busybox:latest"],
            env: new Dictionary<string, string> { ["CLIENT"] = $"{Repo.DockerCli} -H {Host}" });
        if (import.ExitCode != 0)
            throw new InvalidOperationException("importing busybox failed: " + import);
    }

    /// <summary>Starts berthd on this fixture's roots (again, after <see cref="Kill"/>).</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(Repo.Berthd)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-H", Host, "--data-root", DataRoot, "--exec-root", ExecRoot })
            info.ArgumentList.Add(a);
        _daemon = Process.Start(info)!;
        _daemon.OutputDataReceived += (_, _) => { };
        _daemon.ErrorDataReceived += (_, _) => { };
        _daemon.BeginOutputReadLine();
        _daemon.BeginErrorReadLine();
        using var client = CreateHttpClient();
        for (int i = 0; i < 200; i++)
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
        throw new InvalidOperationException("berthd did not answer /_ping");
    }

    /// <summary>kill -9 of the daemon, as a crash would.</summary>
    public void Kill()
    {
        _daemon?.Kill();
        _daemon?.WaitForExit();
        _daemon = null;
    }

    public Task<CommandResult> Docker(params string[] args) => DockerWith(null, args);

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
        Directory.Delete(Dir, recursive: true);
    }
}
