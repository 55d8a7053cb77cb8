namespace Berth.Engine.Logs;

/// <summary>What a <c>logs</c> or <c>attach</c> request wants from a container's log.</summary>
public sealed record LogQuery
{
    public bool Stdout { get; init; } = true;
    public bool Stderr { get; init; } = true;
    public bool Follow { get; init; }
    /// <summary>Only the last N lines; null for all.</summary>
    public int? Tail { get; init; }
    public DateTime? Since { get; init; }
    public DateTime? Until { get; init; }
    /// <summary>Start reading at this byte offset (attach starts at the end of what is there).</summary>
    public long Offset { get; init; }
}
