using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// berthd's listeners other than its unix socket, each on a daemon started for the test in a
/// network namespace of its own: plain TCP is refused with dockerd's warnings unless asked for
/// with <c>--tls=false</c>; <c>-H fd://</c> serves the socket systemd (here
/// <c>systemd-socket-activate</c>) passes in.
/// </summary>
public sealed class ApiListenerTests
{
    [RequiresRootFact]
    public async Task Plain_tcp_is_refused_with_dockerds_warnings_unless_tls_false_is_given()
    {
        string dir = Directory.CreateTempSubdirectory("berth-listen-").FullName;
        try
        {
            var refused = await ProcessRunner.RunAsync("unshare", ["--net", Repo.Berthd, "-H", "tcp://127.0.0.1:23771",
                "--data-root", Path.Combine(dir, "data"), "--exec-root", Path.Combine(dir, "exec"), "--bridge", "berthlst0"], timeout: TimeSpan.FromSeconds(30));
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("Binding to IP address without --tlsverify is insecure and gives root access on this machine to everyone who has access to your network.", refused.Stderr);
            Assert.Contains("You can override this by explicitly specifying '--tls=false' or '--tlsverify=false'", refused.Stderr);

            string script = $"ip link set lo up; {Repo.Berthd} -H tcp://127.0.0.1:23771 --tls=false --data-root {dir}/data --exec-root {dir}/exec --bridge berthlst0 >/dev/null & "
                + "for i in $(seq 100); do curl -sf http://127.0.0.1:23771/_ping && break; sleep 0.1; done; kill $!; wait $!";
            var allowed = await ProcessRunner.RunAsync("unshare", ["--net", "sh", "-c", script], timeout: TimeSpan.FromSeconds(60));
            Assert.StartsWith("OK", allowed.Stdout);
            Assert.Contains("Binding to IP address without --tlsverify is insecure", allowed.Stderr);
        }
        finally
        {
            await Cleanup.RemoveLeftoversAsync(Path.Combine(dir, "exec"), Path.Combine(dir, "data"));
            Directory.Delete(dir, recursive: true);
        }
    }

    [RequiresRootFact]
    public async Task Fd_serves_the_socket_systemd_activated()
    {
        string dir = Directory.CreateTempSubdirectory("berth-fd-").FullName;
        string socket = Path.Combine(dir, "activated.sock");
        try
        {
            string script = $"systemd-socket-activate -l {socket} {Repo.Berthd} -H fd:// --data-root {dir}/data --exec-root {dir}/exec --bridge berthlst1 >/dev/null & "
                + $"sleep 0.5; for i in $(seq 100); do curl -sf --unix-socket {socket} http://x/_ping && break; sleep 0.1; done; "
                + $"{Repo.DockerCli} -H unix://{socket} version --format ' {{{{.Server.Os}}}}'; kill $!; wait $!";
            var activated = await ProcessRunner.RunAsync("unshare", ["--net", "sh", "-c", script], timeout: TimeSpan.FromSeconds(60));
            Assert.True(activated.Stdout.StartsWith("OK linux"), activated.ToString());

            var notActivated = await ProcessRunner.RunAsync("unshare", ["--net", Repo.Berthd, "-H", "fd://",
                "--data-root", Path.Combine(dir, "data"), "--exec-root", Path.Combine(dir, "exec"), "--bridge", "berthlst1"], timeout: TimeSpan.FromSeconds(30));
            Assert.Equal(1, notActivated.ExitCode);
            Assert.Contains("no sockets found via socket activation: make sure the service was started by systemd", notActivated.Stderr);
        }
        finally
        {
            await Cleanup.RemoveLeftoversAsync(Path.Combine(dir, "exec"), Path.Combine(dir, "data"));
            Directory.Delete(dir, recursive: true);
        }
    }
}
