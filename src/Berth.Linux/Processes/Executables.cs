using Berth.Core.Errors;

namespace Berth.Linux.Processes;

/// <summary>Finds a program on PATH once, at startup: posix_spawn does not search, and a missing tool should fail early.</summary>
public static class Executables
{
    public static string Find(string name)
    {
        if (name.Contains('/'))
            return File.Exists(name) ? Path.GetFullPath(name) : throw BerthException.NotFound($"{name}: no such file");
        string path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (string dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin"]))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        throw BerthException.NotFound($"{name}: executable file not found in $PATH");
    }
}
