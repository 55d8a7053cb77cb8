using Berth.Core.Errors;

namespace Berth.Linux.Runc;

/// <summary>
/// The fifo through which runc holds a created container before its user process runs:
/// <c>runc init</c> blocks writing to it; opening and reading it lets the process exec.
/// </summary>
internal static class ExecFifo
{
    /// <summary>Reads the fifo to its end and removes it; returns the bytes read (0: nobody was waiting).</summary>
    public static async Task<int> ReleaseAsync(string fifo, TimeSpan limit)
    {
        // Opening a fifo for reading blocks until a writer comes: do it off the async path.
        var read = Task.Run(() =>
        {
            using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            var buffer = new byte[16];
            int total = 0, n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                total += n;
            return total;
        }, CancellationToken.None);
        if (await Task.WhenAny(read, Task.Delay(limit, CancellationToken.None)) != read)
        {
            // The init process is gone: open the write side once so the blocked reader returns.
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1)) { }
            await read;
            throw new BerthException(ErrorKind.Internal, "container process is already dead");
        }
        int bytes = await read;
        File.Delete(fifo);
        return bytes;
    }
}
