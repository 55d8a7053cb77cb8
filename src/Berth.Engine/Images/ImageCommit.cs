using System.Text.Json.Nodes;

namespace Berth.Engine.Images;

/// <summary>
/// One commit as the engine's one commit path takes it, from <c>docker commit</c> or from a build
/// step: the parent image (null for <c>FROM scratch</c>), the new image's <c>config</c>, what
/// produced it (<c>container</c>, <c>container_config</c>, history's <c>created_by</c>), and the
/// changes directory (an overlay upper dir or a build step's files; null or empty: an empty layer,
/// recorded in the history only, as Docker does). <see cref="Created"/> fixes the image's times
/// and clamps the layer's file times (a reproducible build's SOURCE_DATE_EPOCH); null is now.
/// </summary>
public sealed record ImageCommit(string? ParentId, JsonObject Config, string ContainerId, JsonNode? ContainerConfig, string? ChangesDir,
    string CreatedBy, string? Author = null, string? Comment = null, string? Reference = null, DateTimeOffset? Created = null);
