using Berth.Engine.Distribution;

namespace Berth.Daemon.Api;

/// <summary><c>POST /auth</c>: a login checked against the registry. (Pull is <c>/images/create</c>, push <c>/images/{name}/push</c>.)</summary>
internal static class DistributionRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/auth", LoginAsync);
    }

    private static async Task<IResult> LoginAsync(HttpRequest request, DistributionService distribution, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var credentials = RegistryAuthHeader.FromJson(body.ToArray());
        string identityToken = await distribution.LoginAsync(credentials, ct);
        return Json.Ok(new { Status = "Login Succeeded", IdentityToken = identityToken });
    }
}
