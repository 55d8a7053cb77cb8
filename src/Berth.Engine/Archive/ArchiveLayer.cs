namespace Berth.Engine.Archive;

/// <summary>
/// One layer to save: its DiffID and a way to open its uncompressed tar. A seekable stream
/// is copied straight into the archive; any other is spooled to a temp file first, because a
/// tar header states the size before the data.
/// </summary>
public sealed record ArchiveLayer(string DiffId, Func<CancellationToken, Task<Stream>> OpenAsync);
