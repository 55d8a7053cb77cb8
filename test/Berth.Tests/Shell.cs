using System.Diagnostics;

namespace Berth.Tests;

/// <summary>Runs a standard tool to observe a result (stat, getfattr), returning its stdout.</summary>
public static class Shell
{
    public static async Task<string> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return output;
    }
}
