using System.IO.Pipelines;

namespace Berth.Engine.Archive;

/// <summary>
/// Reads a client's stream ahead of its consumer, up to a bound, on a task of its own. A tar
/// extracted straight from a socket stalls the sender while each file is written (the socket
/// buffer is small); with a read-ahead, receiving and writing overlap, as dockerd's untar
/// process behind a pipe does.
/// </summary>
public static class ReadAhead
{
    /// <param name="bytes">how far the reading may run ahead of <paramref name="consume"/>.</param>
    public static async Task RunAsync(Stream source, long bytes, Func<Stream, Task> consume, CancellationToken ct)
    {
        // Segments of 64 KiB, not the default 4 KiB: each read from the client fills one segment
        // and wakes the consumer, so small ones made thousands of hops for a big copy.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: bytes, resumeWriterThreshold: bytes / 2,
            minimumSegmentSize: 1 << 16, useSynchronizationContext: false));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var filling = FillAsync(source, pipe.Writer, stop.Token);
        try
        {
            await using var ahead = pipe.Reader.AsStream();
            await consume(ahead);
        }
        catch
        {
            await stop.CancelAsync(); // the consumer gave up (a bad entry): stop reading the client too
            try { await filling; }
            catch { } // a consequence of the stop; the consumer's error is the one to report
            throw;
        }
        await filling;
    }

    private static async Task FillAsync(Stream source, PipeWriter writer, CancellationToken ct)
    {
        try
        {
            await source.CopyToAsync(writer, ct);
            await writer.CompleteAsync();
        }
        catch (Exception e)
        {
            await writer.CompleteAsync(e);
            throw;
        }
    }
}
