namespace Berth.IntegrationTests.Harness;

/// <summary>Removes whatever a daemon under test left: containers, monitors, mounts.</summary>
public static class Cleanup
{
    public static async Task RemoveLeftoversAsync(string execRoot, string dataRoot)
    {
        string runcRoot = Path.Combine(execRoot, "runc");
        if (Directory.Exists(runcRoot))
            foreach (string dir in Directory.GetDirectories(runcRoot))
                await ProcessRunner.RunAsync("runc", ["--root", runcRoot, "delete", "--force", Path.GetFileName(dir)]);
        // conmon monitors of this daemon: their command line names its exit directory.
        foreach (string proc in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                string cmdline = File.ReadAllText(Path.Combine(proc, "cmdline"));
                if (cmdline.StartsWith("conmon", StringComparison.Ordinal) || cmdline.Contains("/conmon\0"))
                    if (cmdline.Contains(execRoot))
                        System.Diagnostics.Process.GetProcessById(int.Parse(Path.GetFileName(proc))).Kill();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // The process went away meanwhile.
            }
        }
        // Mounts under the data root (rootfs) and the exec root (pinned network namespaces).
        string[] prefixes = [Path.GetFullPath(dataRoot) + "/", Path.GetFullPath(execRoot) + "/"];
        var mounts = File.ReadLines("/proc/self/mountinfo")
            .Select(l => l.Split(' ')[4])
            .Where(m => prefixes.Any(p => m.StartsWith(p, StringComparison.Ordinal)))
            .OrderByDescending(m => m.Length);
        foreach (string mount in mounts)
            await ProcessRunner.RunAsync("umount", ["-l", mount]);
    }
}
