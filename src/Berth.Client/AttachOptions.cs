namespace Berth.Client;

/// <summary>Query of <c>POST /containers/{id}/attach</c>.</summary>
public sealed record AttachOptions(bool Stdin, bool Stdout = true, bool Stderr = true, string? DetachKeys = null, bool Logs = false);
