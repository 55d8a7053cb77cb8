using System.Diagnostics;

namespace Berth.IntegrationTests.Harness;

/// <summary>
/// A streaming command (<c>stats</c>, <c>events</c>) left running while the test acts, then
/// sent SIGINT as Ctrl-C would: its output and exit status come back once it has ended.
/// </summary>
public sealed class InterruptibleProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private InterruptibleProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static InterruptibleProcess Start(string program, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
            info.ArgumentList.Add(a);
        return new InterruptibleProcess(Process.Start(info)!);
    }

    /// <summary>Sends SIGINT and waits (at most 20 s, then kills) for the process to end.</summary>
    public async Task<CommandResult> InterruptAsync()
    {
        await ProcessRunner.RunAsync("kill", ["-INT", _process.Id.ToString()]);
        return await WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Waits for the process to end by itself.</summary>
    public async Task<CommandResult> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return new CommandResult(-1, await _stdout, await _stderr + $"\n(timed out after {timeout})");
        }
        return new CommandResult(_process.ExitCode, await _stdout, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
