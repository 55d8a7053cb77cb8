using System.Diagnostics;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// A client that goes away cancels its pull: against a fake registry whose layer stalls, the
/// docker CLI is killed mid-download; berthd then holds no image, no ingest and no prepared
/// snapshot of it.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class PullCancelTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task A_client_that_hangs_up_cancels_the_pull_and_leaves_nothing()
    {
        if (!File.Exists("/usr/bin/python3")) return;
        int port = Random.Shared.Next(40000, 50000);
        string script = Path.Combine(Repo.Root, "test", "Berth.IntegrationTests", "Harness", "Data", "stalling-registry.py");
        var info = new ProcessStartInfo("nsenter") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "--net=" + daemon.HostNetns, "python3", script, port.ToString() })
            info.ArgumentList.Add(a);
        using var registry = Process.Start(info)!;
        try
        {
            for (int i = 0; i < 100 && (await daemon.InHostNetwork("curl", "-sf", $"http://127.0.0.1:{port}/v2/")).ExitCode != 0; i++)
                await Task.Delay(100);
            string name = $"127.0.0.1:{port}/stall:1";
            // The CLI is killed after 3 s, mid-layer: its connection closes.
            var pull = await ProcessRunner.RunAsync(Repo.DockerCli, ["pull", name], null,
                new Dictionary<string, string> { ["DOCKER_HOST"] = daemon.Host }, TimeSpan.FromSeconds(3));
            Assert.True(pull.ExitCode == -1, pull.ToString());

            string ingest = Path.Combine(daemon.DataRoot, "content", "ingest");
            string overlay = Path.Combine(daemon.DataRoot, "overlay");
            bool clean = false;
            for (int i = 0; i < 50 && !clean; i++)
            {
                await Task.Delay(100);
                clean = (!Directory.Exists(ingest) || !Directory.EnumerateFileSystemEntries(ingest).Any())
                    && !Directory.EnumerateDirectories(overlay, "tmp-*").Any();
            }
            Assert.True(clean, "an ingest or a prepared snapshot was left behind");
            Assert.Equal("", await daemon.DockerOk("images", "-q", $"127.0.0.1:{port}/stall"));
        }
        finally
        {
            registry.Kill();
            await registry.WaitForExitAsync();
        }
    }
}
