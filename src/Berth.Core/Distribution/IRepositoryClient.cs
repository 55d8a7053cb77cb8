namespace Berth.Core.Distribution;

/// <summary>One repository of one registry, with the caller's credentials: all three roles.</summary>
public interface IRepositoryClient : IManifestResolver, IBlobFetcher, IBlobPusher
{
    /// <summary>The repository path at the registry: <c>library/busybox</c>.</summary>
    string Repository { get; }
}
