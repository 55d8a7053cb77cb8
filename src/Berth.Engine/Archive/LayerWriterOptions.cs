namespace Berth.Engine.Archive;

/// <summary>How <see cref="LayerWriter"/> writes a layer.</summary>
public sealed record LayerWriterOptions
{
    /// <summary>
    /// Later modification times are written as this time (SOURCE_DATE_EPOCH style), so a
    /// rebuild from the same inputs gives the same DiffID.
    /// </summary>
    public DateTimeOffset? ClampTime { get; init; }
}
