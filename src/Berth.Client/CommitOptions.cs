namespace Berth.Client;

/// <summary>Query of <c>POST /commit</c>: the new image's name, message, author, Dockerfile changes, and whether to freeze the container meanwhile.</summary>
public sealed record CommitOptions(
    string? Repository,
    string? Tag,
    string? Comment,
    string? Author,
    IReadOnlyList<string> Changes,
    bool Pause = true);
