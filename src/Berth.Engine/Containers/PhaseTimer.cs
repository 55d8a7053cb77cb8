using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Containers;

/// <summary>
/// Where the time of one container operation (create, start, exit, remove) or one build goes: each
/// <see cref="Mark"/> closes a phase; <see cref="Log"/> writes one debug line with every
/// phase and the total, e.g. <c>container 3f2a… start: mount 2 ms, network 31 ms, ...</c>.
/// Costs nothing unless berthd runs with <c>--log-level debug</c>.
/// </summary>
internal sealed class PhaseTimer
{
    private readonly ILogger _log;
    private readonly string _operation;
    private readonly string _id;
    private readonly string _subject;
    private readonly long _started;
    private readonly StringBuilder? _phases;
    private long _last;

    public PhaseTimer(ILogger log, string operation, string id, string subject = "container")
    {
        _log = log;
        _subject = subject;
        _operation = operation;
        _id = id;
        if (log.IsEnabled(LogLevel.Debug))
        {
            _phases = new StringBuilder();
            _started = _last = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Ends the phase that began at the previous mark (or at the start).</summary>
    public void Mark(string phase)
    {
        if (_phases is null)
            return;
        long now = Stopwatch.GetTimestamp();
        _phases.Append(phase).Append(' ').Append(Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds.ToString("0.0")).Append(" ms, ");
        _last = now;
    }

    public void Log()
    {
        if (_phases is null)
            return;
        _phases.Append("total ").Append(Stopwatch.GetElapsedTime(_started).TotalMilliseconds.ToString("0.0")).Append(" ms");
        LogMessages.Phases(_log, _subject, _id, _operation, _phases.ToString());
    }
}
