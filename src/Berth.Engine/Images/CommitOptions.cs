using System.Text.Json.Nodes;

namespace Berth.Engine.Images;

/// <summary>
/// What <c>docker commit</c> asks for: the new name, author, message, Dockerfile
/// instructions to apply, and <c>Config</c> fields that replace the container's.
/// </summary>
public sealed record CommitOptions(string? Repo, string? Tag, string? Author, string? Comment, IReadOnlyList<string> Changes, JsonObject? Config);
