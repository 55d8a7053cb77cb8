using System.Text.Json;

namespace Berth.Linux.Runc;

/// <summary>
/// What <c>runc delete</c> removes of a container whose init has exited: its state directory
/// under runc's root and its cgroup directories. Done here, it spares every exit a Go
/// binary's start (tens of milliseconds of CPU, on a path where the client still waits for
/// the removal). Only the case runc itself would handle with no more than that: the state
/// file read, the init gone (its pid not reused: the start time is compared), no process left
/// in any cgroup, no hooks, no Intel RDT group, no nested cgroup. Anything else is left to
/// runc (<see cref="TryDelete"/> says false).
/// </summary>
internal static class StoppedContainer
{
    /// <summary>Deletes the container's runtime leftovers; false when runc must do it.</summary>
    public static bool TryDelete(string root, string id)
    {
        string dir = Path.Combine(root, id);
        List<string> cgroups;
        try
        {
            using var state = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "state.json")));
            var top = state.RootElement;
            if (InitAlive(top.GetProperty("init_process_pid").GetInt32(), top.GetProperty("init_process_start").GetUInt64()))
                return false;
            if (top.TryGetProperty("intel_rdt_path", out var rdt) && rdt.ValueKind == JsonValueKind.String && rdt.GetString() != "")
                return false;
            if (top.GetProperty("config").TryGetProperty("hooks", out var hooks) && hooks.ValueKind == JsonValueKind.Object
                && hooks.EnumerateObject().Any(h => h.Value.ValueKind == JsonValueKind.Array && h.Value.GetArrayLength() > 0))
                return false;
            cgroups = top.TryGetProperty("cgroup_paths", out var paths) && paths.ValueKind == JsonValueKind.Object
                ? paths.EnumerateObject().Select(p => p.Value.GetString() ?? "").Where(p => p != "").Distinct().ToList()
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false; // no state (not created, or already deleted) or one this reader does not know
        }
        foreach (string cgroup in cgroups)
        {
            if (Directory.Exists(cgroup) && (Directory.EnumerateDirectories(cgroup).Any() || HasProcesses(cgroup)))
                return false;
        }
        foreach (string cgroup in cgroups)
        {
            if (!RemoveCgroup(cgroup))
                return false;
        }
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Deleted under us by another cleanup of the same container (a daemon start sweeps
            // runtime state while the exits it found are being handled): the outcome wanted.
            // net9.0's recursive delete (the Native AOT berthd's) throws when that happens.
        }
        return true;
    }

    /// <summary>Whether the pid still names the init runc started (field 22 of its stat: start time in ticks).</summary>
    private static bool InitAlive(int pid, ulong start)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
        // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
        string[] after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return after.Length > 19 && ulong.TryParse(after[19], out ulong started) && started == start;
    }

    private static bool HasProcesses(string cgroup)
    {
        try
        {
            return File.ReadAllText(Path.Combine(cgroup, "cgroup.procs")).Trim() != "";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>rmdir, retried a little as runc does: the kernel may still be tearing the last task down (EBUSY).</summary>
    private static bool RemoveCgroup(string cgroup)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(cgroup);
                return true;
            }
            catch (DirectoryNotFoundException)
            {
                return true;
            }
            catch (IOException) when (attempt < 4)
            {
                Thread.Sleep(10 << attempt);
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}
