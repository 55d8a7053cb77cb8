using System.Text;
using Berth.Linux.Terminals;
using Microsoft.Win32.SafeHandles;

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

    /// <summary>The terminal's rows and columns when stdout is one, as docker's <c>GetTtySize</c>; null otherwise.</summary>
    public (int Height, int Width)? TerminalSize()
    {
        // Not Console.WindowHeight: it initializes .NET's terminal handling, which writes keypad escapes.
        return IsStdoutTerminal && LocalTerminal.Size(1) is { } size ? (size.Rows, size.Columns) : null;
    }

    /// <summary>docker's <c>SetRawTerminal</c> for a TTY session's input; null when stdin is not a terminal. Dispose restores it.</summary>
    public IDisposable? MakeStdinRaw() => IsStdinTerminal ? LocalTerminal.MakeRaw(0) : null;

    /// <summary>
    /// Stdin as plain reads of fd 0. Not Console.OpenStandardInput: on a terminal that reads
    /// through .NET's line editor, which echoes, rewrites termios and undoes raw mode.
    /// </summary>
    public Stream OpenStdin() => new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0, isAsync: false);

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
