namespace Berth.Core.Build;

/// <summary>
/// One build-cache record as <c>GET /system/df</c> lists it (its <c>BuildCache</c> rows) and
/// <c>builder prune</c> removes it: a cached build step. <see cref="Id"/> is the step's cache key,
/// <see cref="ImageId"/> the image the step made, <see cref="Size"/> the bytes its own layer adds
/// (0 for a metadata step), <see cref="InUse"/> that a build running now uses it,
/// <see cref="Shared"/> that a tagged image is built on it (its layer stays with that image).
/// <see cref="Type"/> is Docker's word, <c>regular</c>; <see cref="Description"/> the step as the
/// image history shows it (<c>/bin/sh -c #(nop) COPY file:... in /</c>).
/// </summary>
public sealed record BuildCacheRecord(
    string Id,
    string ImageId,
    string? Parent,
    string Type,
    string Description,
    bool InUse,
    bool Shared,
    long Size,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    int UsageCount);
