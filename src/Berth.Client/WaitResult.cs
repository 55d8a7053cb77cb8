namespace Berth.Client;

/// <summary>Body of <c>POST /containers/{id}/wait</c>: the exit status and an optional wait error.</summary>
public sealed record WaitResult(long StatusCode, string? ErrorMessage);
