using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Berth.IntegrationTests.Fuzz;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// Every JSON answer validated against the schema moby's Engine API description (API 1.47)
/// gives for that route and status: every GET route with real objects in its path (a running
/// container with a volume, a port and a user network, an exec, a network, a volume, the
/// busybox image), and the create, update, wait, commit, prune and delete answers. A stream of
/// JSON messages (events) is validated message by message; answers that are not JSON (logs,
/// tars) are not the schema's business.
/// </summary>
public sealed partial class ResponseSchemaTests(DaemonFixture daemon) : IClassFixture<DaemonFixture>
{
    private const string Prefix = "schema18";

    private static readonly Lazy<(EngineApiSchema Api, ResponseSchemas Schemas)> s_schemas = new(() =>
    {
        var api = EngineApiSchema.Load();
        return (api, ResponseSchemas.Load(api));
    });

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Parameter();

    /// <summary>A request: the route as the description spells it, the path and body sent.</summary>
    private sealed record Call(string Method, string Route, string Path, string? Body = null);

    [RequiresRootFact]
    public async Task Every_json_answer_matches_the_description_of_its_route()
    {
        var (api, schemas) = s_schemas.Value;
        using var http = daemon.CreateHttpClient();
        http.Timeout = TimeSpan.FromSeconds(20);
        await SetUpAsync();
        try
        {
            string running = await daemon.DockerOk("inspect", "-f", "{{.Id}}", Prefix + "-run");
            string exec = (string)JsonNode.Parse(await (await http.PostAsync($"/containers/{running}/exec",
                Json("""{"Cmd":["true"],"AttachStdout":true}"""))).Content.ReadAsStringAsync())!["Id"]!;
            var objects = new Dictionary<string, string>
            {
                ["/containers/"] = running,
                ["/exec/"] = exec,
                ["/networks/"] = Prefix + "-net",
                ["/volumes/"] = Prefix + "-vol",
                ["/images/"] = "busybox",
                ["/distribution/"] = "busybox",
            };
            string until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString();
            var queries = new Dictionary<string, string>
            {
                ["/containers/json"] = "?all=1&size=1",
                ["/containers/{id}/stats"] = "?stream=false",
                ["/events"] = "?since=0&until=" + until,
                ["/images/json"] = "?all=1&digests=1&shared-size=1",
                ["/images/search"] = "?term=busybox",
                ["/containers/{id}/json"] = "?size=1",
            };
            var calls = new List<Call>();
            foreach (var (method, route) in Routes(api).Where(r => r.Method == "GET"))
            {
                if (route.EndsWith("/attach/ws", StringComparison.Ordinal))
                    continue; // a websocket, not JSON
                string prefix = objects.Keys.FirstOrDefault(route.StartsWith) ?? "";
                string path = Parameter().Replace(route, m => objects.GetValueOrDefault(prefix, Prefix + "-none"));
                calls.Add(new(method, route, path + queries.GetValueOrDefault(route, "")));
            }
            string labelFilter = Uri.EscapeDataString($$"""{"label":["{{Prefix}}-nothing"]}""");
            calls.AddRange(
            [
                new("POST", "/containers/create", $"/containers/create?name={Prefix}-created", """{"Image":"busybox","Cmd":["true"]}"""),
                new("POST", "/containers/{id}/update", $"/containers/{running}/update", """{"CpuShares":512}"""),
                new("POST", "/containers/{id}/wait", $"/containers/{Prefix}-created/wait?condition=not-running"),
                new("POST", "/containers/{id}/exec", $"/containers/{running}/exec", """{"Cmd":["true"]}"""),
                new("POST", "/commit", $"/commit?container={running}&repo={Prefix}-committed&tag=v1"),
                new("POST", "/networks/create", "/networks/create", $$$"""{"Name":"{{{Prefix}}}-net2","Labels":{"a":"b"}}"""),
                new("POST", "/volumes/create", "/volumes/create", $$"""{"Name":"{{Prefix}}-vol2"}"""),
                new("POST", "/containers/prune", "/containers/prune?filters=" + labelFilter),
                new("POST", "/images/prune", "/images/prune?filters=" + labelFilter),
                new("POST", "/networks/prune", "/networks/prune?filters=" + labelFilter),
                new("POST", "/volumes/prune", "/volumes/prune?filters=" + labelFilter),
                new("POST", "/build/prune", "/build/prune?filters=" + labelFilter),
                new("DELETE", "/images/{name}", $"/images/{Prefix}-committed:v1"),
                new("POST", "/containers/{id}/exec", $"/containers/{Prefix}-none/exec", """{"Cmd":["true"]}"""),
                new("POST", "/networks/create", "/networks/create", """{"Name":"bridge"}"""),
            ]);

            var violations = new List<string>();
            int validated = 0;
            foreach (var call in calls)
            {
                var (status, body) = await SendAsync(http, call);
                if (body is null || !schemas.Describes(call.Method, call.Route, status))
                    continue;
                foreach (var message in body)
                {
                    validated++;
                    foreach (string v in schemas.Violations(call.Method, call.Route, status, message))
                        violations.Add($"{call.Method} {call.Path} {status}: {v}");
                }
            }
            Assert.True(violations.Count == 0, string.Join('\n', violations));
            Assert.True(validated > 40, $"only {validated} answers validated");
        }
        finally
        {
            await CleanUpAsync();
        }
    }

    private async Task SetUpAsync()
    {
        await CleanUpAsync();
        await daemon.DockerOk("network", "create", "--label", "k=v", Prefix + "-net");
        await daemon.DockerOk("volume", "create", "--label", "k=v", Prefix + "-vol");
        await daemon.DockerOk("run", "-d", "--name", Prefix + "-run", "--network", Prefix + "-net", "-v", Prefix + "-vol:/data",
            "-p", "18080:80", "--label", "k=v", "-e", "A=b", "busybox", "sleep", "3600");
    }

    private async Task CleanUpAsync()
    {
        await daemon.Docker("rm", "-f", Prefix + "-run", Prefix + "-created");
        await daemon.Docker("rmi", Prefix + "-committed:v1");
        await daemon.Docker("network", "rm", Prefix + "-net", Prefix + "-net2");
        await daemon.Docker("volume", "rm", Prefix + "-vol", Prefix + "-vol2");
    }

    /// <summary>The answer's status and, when it is JSON, its messages (one, or each of a stream's).</summary>
    private static async Task<(int Status, List<JsonNode?>? Body)> SendAsync(HttpClient http, Call call)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path);
        if (call.Body is not null)
            request.Content = Json(call.Body);
        else if (call.Method == "POST")
            request.Content = new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        int status = (int)response.StatusCode;
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
            return (status, null);
        string text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
            return (status, null);
        try
        {
            return (status, [JsonNode.Parse(text)]);
        }
        catch (JsonException)
        {
            return (status, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)).ToList());
        }
    }

    private static List<(string Method, string Path)> Routes(EngineApiSchema api) =>
        api.Document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => (m.Key.ToUpperInvariant(), p.Key)))
            .ToList();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
