using Berth.Core.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Daemon.Api;

/// <summary>
/// <c>POST /session</c>: where BuildKit's clients open their session (gRPC over h2c, on a
/// connection taken over by <c>Upgrade: h2c</c>). Any other protocol is refused in dockerd's
/// words. Berth's classic builder asks nothing of a session, so an h2c upgrade is granted and
/// the connection closed: the client sees its session end at once.
/// </summary>
internal static class SessionRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/session", async (HttpContext context) =>
        {
            string protocol = context.Request.Headers.Upgrade.ToString();
            var upgrade = context.Features.Get<IHttpUpgradeFeature>();
            if (!string.Equals(protocol, "h2c", StringComparison.OrdinalIgnoreCase) || upgrade is not { IsUpgradableRequest: true })
                throw BerthException.Invalid($"protocol {protocol} not supported");
            context.Response.Headers.Upgrade = "h2c";
            await using var stream = await upgrade.UpgradeAsync();
        });
    }
}
