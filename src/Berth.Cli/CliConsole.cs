using System.Text;
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

    /// <summary>
    /// Descriptor 0 as it is. Not <see cref="System.Console.OpenStandardInput()"/>: at a
    /// terminal, that one edits lines and echoes itself, which would undo raw mode.
    /// </summary>
    public Stream OpenStdin() => new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);

    /// <summary>Puts the terminal on stdin in raw mode until disposed; null when stdin is no terminal.</summary>
    public IDisposable? MakeStdinRaw() => Berth.Linux.Terminals.RawMode.Enter(0);

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
