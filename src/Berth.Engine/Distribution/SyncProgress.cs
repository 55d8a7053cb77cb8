namespace Berth.Engine.Distribution;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls back on the reporting thread; <see cref="Progress{T}"/>
/// would post to a synchronisation context and reorder or delay the reports.
/// </summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
