namespace Berth.Cli.Containers;

/// <summary>
/// <c>--sysctl KEY=VALUE</c> checked as docker's opts.ValidateSysctl does: only the kernel
/// parameters Linux keeps per IPC or network namespace. The daemon takes any key through the
/// API; whether the container's namespaces allow it is runc's to say at start.
/// </summary>
internal static class SysctlFlag
{
    private static readonly HashSet<string> s_ipcKeys =
    [
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
        "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced",
    ];

    /// <summary>The flag's validator: the value itself, or a FormatException in docker's words.</summary>
    public static string Validate(string value)
    {
        int equals = value.IndexOf('=');
        string key = equals > 0 ? value[..equals] : "";
        if (s_ipcKeys.Contains(key) || key.StartsWith("net.", StringComparison.Ordinal) || key.StartsWith("fs.mqueue.", StringComparison.Ordinal))
            return value;
        throw new FormatException($"sysctl '{value}' is not allowed");
    }
}
