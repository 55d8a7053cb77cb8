using System.Text;

namespace Berth.Cli;

/// <summary>
/// The process's standard streams. Text goes through buffered writers (flushed on exit and
/// before any raw byte output) because autoflushing Console writers are slow for big tables.
/// </summary>
internal sealed class CliConsole : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly CancellationTokenSource _cancellation = new();

    public CliConsole()
    {
        StdoutStream = System.Console.OpenStandardOutput();
        StderrStream = System.Console.OpenStandardError();
        Out = new StreamWriter(StdoutStream, s_utf8, 16 * 1024) { NewLine = "\n" };
        Error = new StreamWriter(StderrStream, s_utf8, 1024) { NewLine = "\n", AutoFlush = true };
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public Stream StdoutStream { get; }

    public Stream StderrStream { get; }

    public CancellationToken Cancellation => _cancellation.Token;

    public bool IsStdinTerminal => !System.Console.IsInputRedirected;

    public bool IsStdoutTerminal => !System.Console.IsOutputRedirected;

    public Stream OpenStdin() => System.Console.OpenStandardInput();

    /// <summary>Flushes buffered text before raw bytes go to the same descriptor.</summary>
    public void Flush() => Out.Flush();

    public void Cancel() => _cancellation.Cancel();

    public void Dispose()
    {
        Out.Flush();
        Error.Flush();
        _cancellation.Dispose();
    }
}
