namespace Berth.Core.Distribution;

/// <summary>
/// One line of a pull or push progress stream, as the Engine API's JSON messages carry it:
/// <c>{"status":"Downloading","progressDetail":{"current":N,"total":M},"id":"e2eb06d8af82"}</c>.
/// <see cref="Aux"/> is push's final <c>{"Tag","Digest","Size"}</c>.
/// </summary>
public sealed record ProgressUpdate(string Status, string? Id = null, long? Current = null, long? Total = null)
{
    public PushResult? Aux { get; init; }
}
