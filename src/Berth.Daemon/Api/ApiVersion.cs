using Berth.Core.Api;

namespace Berth.Daemon.Api;

/// <summary>The Engine API versions berthd speaks, and the one a request asked for.</summary>
internal static class ApiVersion
{
    public const string Current = "1.47";
    public const string Minimum = "1.24";
    public const string EngineVersion = "0.1.0";

    /// <summary>The version of the request's path (<c>/v1.41/...</c>), the current one without a prefix.</summary>
    public static string Of(HttpContext context) => context.Items[VersionMiddleware.VersionKey] as string ?? Current;

    /// <summary>Whether the request speaks a version older than <paramref name="version"/>: what moby's <c>versions.LessThan</c> asks.</summary>
    public static bool Below(HttpContext context, string version) => ApiVersions.Compare(Of(context), version) < 0;
}
