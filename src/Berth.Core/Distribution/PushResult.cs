namespace Berth.Core.Distribution;

/// <summary>What a push reports last: the tag pushed, the manifest's digest and size.</summary>
public sealed record PushResult(string Tag, string Digest, long Size);
