using System.Diagnostics;

namespace Berth.Linux.Processes;

/// <summary>Runs a short-lived tool to completion and returns its stdout; failure is a <see cref="ToolException"/>.</summary>
public static class ToolRunner
{
    public static async Task<string> RunAsync(string tool, IEnumerable<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {tool}");
        try
        {
            process.StandardInput.Close();
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(ct);
            Task<string> stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            string output = await stdout;
            string errors = await stderr;
            if (process.ExitCode != 0)
                throw new ToolException(Path.GetFileName(tool), process.ExitCode, errors);
            return output;
        }
        finally
        {
            ClosePipes(process);
        }
    }

    /// <summary>
    /// Closes a finished child's redirected stdio. <see cref="Process.Dispose()"/> leaves
    /// streams that were read synchronously (<c>StandardOutput</c>) open until a finalizer
    /// runs: two or three pipe fds per tool run, hundreds after a few dozen containers.
    /// </summary>
    public static void ClosePipes(Process process)
    {
        try { process.StandardInput.Dispose(); }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { } // a flush into a pipe whose reader is gone, or that its stream closed
        process.StandardOutput.Dispose();
        process.StandardError.Dispose();
    }
}
