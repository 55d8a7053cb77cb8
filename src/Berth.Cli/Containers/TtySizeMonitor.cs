using System.Runtime.InteropServices;
using Berth.Cli.Commands;

namespace Berth.Cli.Containers;

/// <summary>
/// docker's <c>MonitorTtySize</c>: sends the local terminal's size once the process runs and
/// again on every SIGWINCH, through whichever resize call fits (container or exec).
/// </summary>
internal sealed class TtySizeMonitor : IDisposable
{
    private readonly Func<int, int, CancellationToken, Task> _resize;
    private readonly CommandContext _context;
    private readonly PosixSignalRegistration _registration;

    private TtySizeMonitor(CommandContext context, Func<int, int, CancellationToken, Task> resize)
    {
        _context = context;
        _resize = resize;
#pragma warning disable CA1416 // Berth's CLI runs on Linux only; SIGWINCH has no Windows counterpart.
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, s =>
        {
            s.Cancel = true;
            _ = ResizeAsync();
        });
#pragma warning restore CA1416
    }

    /// <summary>Starts monitoring when stdout is a terminal; otherwise there is no size to keep in sync.</summary>
    public static TtySizeMonitor? Start(CommandContext context, Func<int, int, CancellationToken, Task> resize)
    {
        if (context.Console.TerminalSize() is null)
        {
            return null;
        }

        var monitor = new TtySizeMonitor(context, resize);
        _ = monitor.ResizeAsync();
        return monitor;
    }

    private async Task ResizeAsync()
    {
        if (_context.Console.TerminalSize() is not { } size)
        {
            return;
        }

        try
        {
            await _resize(size.Height, size.Width, _context.Cancellation);
        }
        catch (Exception ex) when (ex is Berth.Client.EngineApiException or IOException or HttpRequestException or OperationCanceledException)
        {
            // The process may already be gone; docker ignores failed resizes too.
        }
    }

    public void Dispose() => _registration.Dispose();
}
