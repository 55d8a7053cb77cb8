namespace Berth.Engine.Logs;

/// <summary>One record of a container log: a line, or part of one when <see cref="Partial"/>.</summary>
public readonly record struct LogEntry(DateTime Time, string TimeText, LogStream Stream, bool Partial, ReadOnlyMemory<byte> Content);

public enum LogStream : byte
{
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,
}
