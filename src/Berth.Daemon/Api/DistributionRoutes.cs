using Berth.Engine.Distribution;

namespace Berth.Daemon.Api;

/// <summary>
/// <c>POST /auth</c>: a login checked against the registry; <c>GET /distribution/{name}/json</c>:
/// what the registry holds for a name, without pulling it. (Pull is <c>/images/create</c>, push
/// <c>/images/{name}/push</c>, search <c>/images/search</c>.)
/// </summary>
internal static class DistributionRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/auth", LoginAsync);
        app.MapGet("/distribution/{**rest}", InspectAsync);
    }

    /// <summary>Names hold slashes: the rest of the path must end in <c>/json</c>.</summary>
    private static async Task<IResult> InspectAsync(HttpRequest request, string rest, DistributionService distribution, CancellationToken ct)
    {
        if (!rest.EndsWith("/json", StringComparison.Ordinal) || rest.Length == "/json".Length)
            throw Berth.Core.Errors.BerthException.NotFound("page not found");
        var credentials = RegistryAuthHeader.Decode(request.Headers[RegistryAuthHeader.Name]);
        var (descriptor, platforms) = await distribution.InspectAsync(rest[..^"/json".Length], credentials, ct);
        return Json.Ok(new DistributionInspectView(
            Descriptor: new DescriptorView(mediaType: descriptor.MediaType, digest: descriptor.Digest, size: descriptor.Size),
            Platforms: platforms.Select(p => new PlatformView(architecture: p.Architecture, os: p.Os, variant: p.Variant)).ToList()), DaemonJson.Api.DistributionInspectView);
    }

    private static async Task<IResult> LoginAsync(HttpRequest request, DistributionService distribution, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var credentials = RegistryAuthHeader.FromJson(body.ToArray());
        string identityToken = await distribution.LoginAsync(credentials, ct);
        return Json.Ok(new LoginResponse(Status: "Login Succeeded", IdentityToken: identityToken), DaemonJson.Api.LoginResponse);
    }


    internal sealed record DistributionInspectView(DescriptorView Descriptor, List<PlatformView> Platforms);

    internal sealed record DescriptorView(string mediaType, string digest, long size);

    /// <summary>The variant only when there is one, as Go's omitempty writes it.</summary>
    internal sealed record PlatformView(string architecture, string os,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? variant);

    internal sealed record LoginResponse(string Status, string IdentityToken);
}
