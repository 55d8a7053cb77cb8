namespace Berth.Core.Build;

/// <summary>What the build cache holds, for <c>system df</c>: one record per cached step.</summary>
public interface IBuildCacheUsage
{
    IReadOnlyList<BuildCacheRecord> ListCacheRecords();
}
