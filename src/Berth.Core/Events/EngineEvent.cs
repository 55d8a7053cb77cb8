namespace Berth.Core.Events;

/// <summary>
/// Something that happened to an object, as <c>GET /events</c> reports it: the object's
/// type and ID, what happened (<c>create</c>, <c>start</c>, <c>die</c>...), and attributes
/// such as the container's name, image and labels.
/// </summary>
public sealed record EngineEvent(
    string Type,
    string Action,
    string ActorId,
    IReadOnlyDictionary<string, string> Attributes,
    long TimeNano);
