using Berth.Cli.Formatting;
using Berth.Cli.Templates;

namespace Berth.Cli.Containers;

/// <summary>
/// One container's place in <c>stats</c>, docker's <c>Stats</c>: the latest sample, written by
/// its collector and read by the redraw loop, or the error that ended collection. A row is
/// invalid ("--") after an error, or while streaming when no sample came for two seconds.
/// </summary>
internal sealed class ContainerStats(string container)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private StatsSample _sample = StatsSample.Empty;
    private bool _invalid;
    private string? _error;
    private long _updated = Environment.TickCount64;

    /// <summary>The container as named on the command line, or its short ID.</summary>
    public string Container { get; } = container;

    /// <summary>Why collection failed, as docker reports it ("Error response from daemon: ...", "EOF").</summary>
    public string? Error
    {
        get
        {
            lock (_lock)
            {
                return _error;
            }
        }
    }

    public void Update(StatsSample sample)
    {
        lock (_lock)
        {
            (_sample, _invalid, _error, _updated) = (sample, false, null, Environment.TickCount64);
        }
    }

    public void Fail(string error)
    {
        lock (_lock)
        {
            (_invalid, _error) = (true, error);
        }
    }

    /// <summary>No first sample in time: the figures are dropped, the name and ID kept.</summary>
    public void TimeOut()
    {
        lock (_lock)
        {
            _sample = StatsSample.Empty with { Name = _sample.Name, Id = _sample.Id };
            (_invalid, _error) = (true, "timeout waiting for stats");
        }
    }

    public TemplateObject Row(bool truncate, bool streaming)
    {
        lock (_lock)
        {
            var stale = streaming && Environment.TickCount64 - _updated > Timeout.TotalMilliseconds;
            return StatsRows.Create(Container, _sample, _invalid || stale, truncate);
        }
    }
}
