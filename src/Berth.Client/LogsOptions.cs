namespace Berth.Client;

/// <summary>Query of <c>GET /containers/{id}/logs</c>; Since/Until are already in the API's form (unix seconds).</summary>
public sealed record LogsOptions(
    bool Follow = false,
    string? Tail = null,
    bool Timestamps = false,
    string? Since = null,
    string? Until = null,
    bool Details = false,
    bool Stdout = true,
    bool Stderr = true);
