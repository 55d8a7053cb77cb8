namespace Berth.Daemon;

/// <summary>
/// Gives memory back to the system once berthd goes quiet. The workstation GC sizes its
/// youngest generation by the CPU cache (tens of MB here) and keeps those pages after a
/// burst of requests, so an idle daemon would stay at its busiest size. When a burst of
/// allocation (more than <see cref="Burst"/> since the last trim) has stopped (less than
/// <see cref="Quiet"/> in the last tick), one aggressive collection compacts the heap and
/// decommits the free regions. glibc's arenas keep what native code freed (SQLite, OpenSSL,
/// the runtime's own) in the same way: they are trimmed after any activity, a cheap walk.
/// A busy daemon is never interrupted by either.
/// </summary>
internal sealed class IdleMemoryTrimmer : BackgroundService
{
    private const long Burst = 4 << 20;
    private const long Quiet = 256 << 10;
    private static readonly TimeSpan s_tick = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_tick);
        // Start-up itself is the first burst.
        long trimmedAt = 0, nativeTrimmedAt = 0, previous = GC.GetTotalAllocatedBytes();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                long now = GC.GetTotalAllocatedBytes();
                bool quiet = now - previous < Quiet;
                if (quiet && now - trimmedAt > Burst)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    trimmedAt = GC.GetTotalAllocatedBytes();
                }
                // Managed allocation stands for activity: native memory has no cheap counter.
                if (quiet && now - nativeTrimmedAt > Quiet)
                {
                    Berth.Linux.Memory.NativeHeap.Trim();
                    nativeTrimmedAt = GC.GetTotalAllocatedBytes();
                }
                previous = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
