using System.Diagnostics;

namespace Berth.IntegrationTests.Harness;

/// <summary>Runs a program with a timeout, feeding stdin and capturing both outputs.</summary>
public static class ProcessRunner
{
    public static Task<CommandResult> RunAsync(string program, IEnumerable<string> args, byte[]? stdin = null,
        IDictionary<string, string>? env = null, TimeSpan? timeout = null) =>
        RunAsync(program, args, stdin is null ? null : (s, _) => s.WriteAsync(stdin).AsTask(), closeStdinWhenFed: true, env, timeout);

    /// <summary>
    /// Runs a program whose stdin <paramref name="feed"/> writes, as it likes over time; stdin is
    /// closed when the feed is done, or, without <paramref name="closeStdinWhenFed"/>, when the
    /// program exits (a terminal's input does not end when the typing pauses). The feed sees the
    /// output as it arrives, to type in answer to it.
    /// </summary>
    public static async Task<CommandResult> RunAsync(string program, IEnumerable<string> args, Func<Stream, OutputSoFar, Task>? feed, bool closeStdinWhenFed,
        IDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
            info.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var output = new OutputSoFar();
        var stdout = ReadAllAsync(process.StandardOutput, output);
        var stderr = process.StandardError.ReadToEndAsync();
        var fed = feed is null ? Task.CompletedTask : FeedAsync(process.StandardInput.BaseStream, stdin => feed(stdin, output));
        if (closeStdinWhenFed)
        {
            await fed;
            process.StandardInput.Close();
        }
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new CommandResult(-1, await stdout, await stderr + $"\n(timed out after {timeout})");
        }
        process.StandardInput.Close();
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    private static async Task<string> ReadAllAsync(StreamReader reader, OutputSoFar output)
    {
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
            output.Append(buffer.AsSpan(0, n));
        output.End();
        return output.Text;
    }

    private static async Task FeedAsync(Stream stdin, Func<Stream, Task> feed)
    {
        try
        {
            await feed(stdin);
            await stdin.FlushAsync();
        }
        catch (IOException)
        {
            // The program exited before reading everything.
        }
    }
}
