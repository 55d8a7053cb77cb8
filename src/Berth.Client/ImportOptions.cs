namespace Berth.Client;

/// <summary>
/// Query of <c>POST /images/create?fromSrc=...</c>. <see cref="SourceUrl"/> is null when the
/// tarball is sent as the request body (<c>fromSrc=-</c>).
/// </summary>
public sealed record ImportOptions(
    string? SourceUrl,
    string? Repository,
    string? Tag,
    string? Message,
    IReadOnlyList<string> Changes,
    string? Platform = null);
