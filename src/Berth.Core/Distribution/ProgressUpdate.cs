namespace Berth.Core.Distribution;

/// <summary>
/// One line of a pull or push progress stream, as the Engine API's JSON messages carry it:
/// <c>{"status":"Downloading","progressDetail":{"current":N,"total":M},"id":"e2eb06d8af82"}</c>.
/// <see cref="Aux"/> is push's final <c>{"Tag","Digest","Size"}</c>.
/// </summary>
public sealed record ProgressUpdate(string Status, string? Id = null, long? Current = null, long? Total = null)
{
    public PushResult? Aux { get; init; }

    /// <summary>
    /// A message rather than a step of a layer's progress ("Pulling from", "Digest:", "The push
    /// refers to"): dockerd writes it without <c>progressDetail</c>, and clients tell the two
    /// apart by it (docker-compose prints only the lines without one).
    /// </summary>
    public bool IsMessage { get; init; }

    public static ProgressUpdate Message(string text, string? id = null) => new(text, id) { IsMessage = true };
}
