using System.Text.RegularExpressions;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// Walks every route of moby's Engine API description (<c>Data/swagger-v1.47.yaml</c>, vendored
/// from moby v27.3.1) against a daemon of its own (prunes and all run there harmlessly), with
/// made-up IDs: each route must be served, that is answer anything but dockerd's 404 for an
/// unknown route, <c>{"message": "page not found"}</c> (any other 404 is a route that looked
/// for the object). A stream that has not
/// ended within the timeout was served too.
/// </summary>
public sealed partial class SwaggerRouteWalkTests : IAsyncLifetime
{
    private readonly DaemonFixture _daemon = new();

    public Task InitializeAsync() => _daemon.InitializeAsync();

    public Task DisposeAsync() => _daemon.DisposeAsync();

    [GeneratedRegex(@"^  (/[^:\s]*):\s*$")]
    private static partial Regex PathLine();

    [GeneratedRegex(@"^    (get|post|put|delete|head):\s*$")]
    private static partial Regex MethodLine();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    /// <summary>(method, path) of every route in the description; paths sit at two spaces, methods at four.</summary>
    private static List<(string Method, string Path)> Routes()
    {
        var routes = new List<(string, string)>();
        string? path = null;
        bool inPaths = false;
        foreach (string line in File.ReadLines(Path.Combine(Repo.Root, "test", "Berth.IntegrationTests", "Data", "swagger-v1.47.yaml")))
        {
            if (!line.StartsWith(' ') && line.Length > 0)
                inPaths = line.StartsWith("paths:", StringComparison.Ordinal);
            if (!inPaths)
                continue;
            if (PathLine().Match(line) is { Success: true } p)
                path = p.Groups[1].Value;
            else if (path is not null && MethodLine().Match(line) is { Success: true } m)
                routes.Add((m.Groups[1].Value.ToUpperInvariant(), path));
        }
        return routes;
    }

    [RequiresRootFact]
    public async Task Every_documented_route_is_served()
    {
        var routes = Routes();
        Assert.True(routes.Count > 100, $"only {routes.Count} routes read from the description");
        using var client = _daemon.CreateHttpClient();
        client.Timeout = TimeSpan.FromSeconds(5);

        // The baseline: a route nobody serves is dockerd's "page not found".
        Assert.False(await Served(client, "GET", "/v1.47/route-walk/unknown"));

        var missing = new List<string>();
        foreach (var (method, path) in routes)
        {
            string concrete = "/v1.47" + Parameter().Replace(path, "routewalk0000");
            if (!await Served(client, method, concrete))
                missing.Add($"{method} {path}");
        }
        Assert.True(missing.Count == 0, "routes answered 404 without an error message:\n" + string.Join('\n', missing));
    }

    private static async Task<bool> Served(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
                return true;
            string body = await response.Content.ReadAsStringAsync();
            return !body.Contains("\"page not found\"", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is TaskCanceledException or HttpRequestException or IOException)
        {
            return true; // a stream still open (events) or a connection taken over (attach, session)
        }
    }
}
