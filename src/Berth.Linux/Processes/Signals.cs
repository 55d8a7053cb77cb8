using Berth.Linux.Interop;

namespace Berth.Linux.Processes;

/// <summary>Signal numbers and names as Linux and Docker's CLI know them.</summary>
public static class Signals
{
    private static readonly Dictionary<string, int> s_numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["TRAP"] = 5, ["ABRT"] = 6, ["IOT"] = 6,
        ["BUS"] = 7, ["FPE"] = 8, ["KILL"] = 9, ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12,
        ["PIPE"] = 13, ["ALRM"] = 14, ["TERM"] = 15, ["STKFLT"] = 16, ["CHLD"] = 17, ["CONT"] = 18,
        ["STOP"] = 19, ["TSTP"] = 20, ["TTIN"] = 21, ["TTOU"] = 22, ["URG"] = 23, ["XCPU"] = 24,
        ["XFSZ"] = 25, ["VTALRM"] = 26, ["PROF"] = 27, ["WINCH"] = 28, ["IO"] = 29, ["POLL"] = 29,
        ["PWR"] = 30, ["SYS"] = 31,
    };

    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGWINCH = 28;

    /// <summary>Parses "KILL", "SIGKILL", "9" and "RTMIN+3"; null if it names no signal.</summary>
    public static int? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (int.TryParse(text, out int n))
            return n is > 0 and <= 64 ? n : null;
        string name = text.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? text[3..] : text;
        if (s_numbers.TryGetValue(name, out n))
            return n;
        if (name.StartsWith("RTMIN", StringComparison.OrdinalIgnoreCase))
            return 34 + (name.Length > 6 && int.TryParse(name[6..], out int k) ? k : 0);
        if (name.StartsWith("RTMAX", StringComparison.OrdinalIgnoreCase))
            return 64 - (name.Length > 6 && int.TryParse(name[6..], out int k) ? k : 0);
        return null;
    }

    /// <summary>Sends a signal; false when the process is gone.</summary>
    public static bool Send(int pid, int signal) => pid > 0 && Libc.Kill(pid, signal) == 0;

    public static bool IsAlive(int pid) => pid > 0 && Libc.Kill(pid, 0) == 0;
}
