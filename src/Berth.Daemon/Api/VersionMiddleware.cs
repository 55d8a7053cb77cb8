using System.Text.RegularExpressions;
using Berth.Core.Api;
using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>
/// Serves every route with and without a <c>/v1.NN</c> prefix: strips the prefix, refuses
/// versions outside [minimum, current], and remembers the version for handlers that vary
/// by it. Every response carries the API-Version and Server headers, as dockerd's.
/// </summary>
internal static partial class VersionMiddleware
{
    public const string VersionKey = "api-version";

    [GeneratedRegex(@"^/v(\d+\.\d+)(/.*)$")]
    private static partial Regex Versioned();

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        string version = ApiVersion.Current;
        var match = Versioned().Match(context.Request.Path.Value ?? "");
        if (match.Success)
        {
            version = match.Groups[1].Value;
            context.Request.Path = match.Groups[2].Value;
            if (ApiVersions.Compare(version, ApiVersion.Current) > 0)
                throw BerthException.Invalid($"client version {version} is too new. Maximum supported API version is {ApiVersion.Current}");
            if (ApiVersions.Compare(version, ApiVersion.Minimum) < 0)
                throw BerthException.Invalid($"client version {version} is too old. Minimum supported API version is {ApiVersion.Minimum}, please upgrade your client to a newer version");
        }
        context.Items[VersionKey] = version;
        context.Response.Headers["API-Version"] = ApiVersion.Current;
        context.Response.Headers["Server"] = $"Berth/{ApiVersion.EngineVersion} (linux)";
        await next(context);
    }
}
