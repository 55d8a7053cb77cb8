using System.Net.Http.Headers;
using System.Text.Json;
using Berth.Client.Transport;

namespace Berth.Client;

public sealed partial class EngineClient
{
    // docker always sends an auth header on pull/push; an empty config ("{}") means anonymous.
    private static readonly KeyValuePair<string, string>[] s_anonymousAuth = [new("X-Registry-Auth", "e30=")];

    /// <summary><c>GET /images/json</c>: a JSON array of image summaries.</summary>
    public Task<JsonDocument> PruneImagesAsync(FilterArgs? filters, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Post, "/images/prune" + new QueryString().Add("filters", filters is { Count: > 0 } f ? f.ToJson() : null), null, cancellationToken);

    public Task<JsonDocument> ListImagesAsync(bool all, FilterArgs? filters, CancellationToken cancellationToken)
    {
        var query = new QueryString().AddFlag("all", all).Add("filters", filters is { Count: > 0 } ? filters.ToJson() : null);
        return SendForJsonAsync(HttpMethod.Get, "/images/json" + query, null, cancellationToken);
    }

    /// <summary><c>GET /images/{name}/json</c>.</summary>
    public Task<JsonDocument> InspectImageAsync(string name, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, $"/images/{EscapeName(name)}/json", null, cancellationToken);

    /// <summary><c>POST /images/create?fromImage=...</c>: a JSON progress message stream.</summary>
    /// <remarks><paramref name="registryAuth"/>: the <c>X-Registry-Auth</c> value (see <see cref="EncodeRegistryAuth"/>); anonymous if null.</remarks>
    public Task<Stream> PullAsync(string fromImage, string? tag, string? platform, CancellationToken cancellationToken, string? registryAuth = null)
    {
        var query = new QueryString().Add("fromImage", fromImage).Add("tag", tag).Add("platform", platform);
        return SendForStreamAsync(HttpMethod.Post, "/images/create" + query, null, cancellationToken, Auth(registryAuth));
    }

    /// <summary><c>POST /images/{name}/push</c>: a JSON progress message stream.</summary>
    public Task<Stream> PushAsync(string name, string? tag, CancellationToken cancellationToken, string? registryAuth = null)
        => SendForStreamAsync(HttpMethod.Post, $"/images/{EscapeName(name)}/push" + new QueryString().Add("tag", tag), null, cancellationToken, Auth(registryAuth));

    /// <summary><c>POST /auth</c>: checks a login with the registry; returns the identity token (maybe empty).</summary>
    public async Task<string> LoginAsync(string username, string password, string serverAddress, CancellationToken cancellationToken)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = password, ["serveraddress"] = serverAddress,
        }, ClientJson.Default.DictionaryStringString);
        using var document = await SendForJsonAsync(HttpMethod.Post, "/auth", JsonContent(body), cancellationToken).ConfigureAwait(false);
        return document.RootElement.TryGetProperty("IdentityToken", out var token) ? token.GetString() ?? "" : "";
    }

    /// <summary>The <c>X-Registry-Auth</c> value the docker CLI sends: base64url of the AuthConfig JSON.</summary>
    public static string EncodeRegistryAuth(string username, string password, string serverAddress) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = password, ["serveraddress"] = serverAddress,
        }, ClientJson.Default.DictionaryStringString)).Replace('+', '-').Replace('/', '_');

    private static KeyValuePair<string, string>[] Auth(string? registryAuth) =>
        registryAuth is null ? s_anonymousAuth : [new("X-Registry-Auth", registryAuth)];

    /// <summary><c>POST /images/create?fromSrc=...</c>, with the tarball as body when <paramref name="tarball"/> is given.</summary>
    public Task<Stream> ImportAsync(Stream? tarball, ImportOptions options, CancellationToken cancellationToken)
    {
        var query = new QueryString()
            .Add("fromSrc", options.SourceUrl ?? "-")
            .Add("repo", options.Repository)
            .Add("tag", options.Tag)
            .Add("message", options.Message)
            .Add("platform", options.Platform);
        foreach (var change in options.Changes)
        {
            query.Add("changes", change);
        }

        return SendForStreamAsync(HttpMethod.Post, "/images/create" + query, tarball is null ? null : TarContent(tarball), cancellationToken);
    }

    /// <summary><c>POST /commit</c>: an image from a container's changes; returns the new image ID.</summary>
    public async Task<string> CommitAsync(string container, CommitOptions options, CancellationToken cancellationToken)
    {
        var query = new QueryString()
            .Add("container", container)
            .Add("repo", options.Repository)
            .Add("tag", options.Tag)
            .Add("comment", options.Comment)
            .Add("author", options.Author)
            .Add("pause", options.Pause ? "1" : "0");
        foreach (var change in options.Changes)
        {
            query.Add("changes", change);
        }

        using var document = await SendForJsonAsync(HttpMethod.Post, "/commit" + query, null, cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("Id").GetString() ?? string.Empty;
    }

    /// <summary><c>POST /images/load</c>: a JSON message stream (plain text from very old daemons).</summary>
    public Task<Stream> LoadAsync(Stream archive, bool quiet, CancellationToken cancellationToken)
        => SendForStreamAsync(HttpMethod.Post, "/images/load" + new QueryString().AddFlag("quiet", quiet), TarContent(archive), cancellationToken);

    /// <summary><c>GET /images/get?names=...</c>: the docker-archive tarball.</summary>
    public Task<Stream> SaveAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var query = new QueryString();
        foreach (var name in names)
        {
            query.Add("names", name);
        }

        return SendForStreamAsync(HttpMethod.Get, "/images/get" + query, null, cancellationToken);
    }

    /// <summary><c>POST /images/{name}/tag?repo=...&amp;tag=...</c>.</summary>
    public async Task TagImageAsync(string source, string repository, string? tag, CancellationToken cancellationToken)
    {
        var query = new QueryString().Add("repo", repository).Add("tag", tag);
        (await SendAsync(HttpMethod.Post, $"/images/{EscapeName(source)}/tag" + query, null, cancellationToken).ConfigureAwait(false)).Dispose();
    }

    /// <summary><c>DELETE /images/{name}</c>: an array of <c>{"Untagged"}</c>/<c>{"Deleted"}</c> items.</summary>
    public Task<JsonDocument> RemoveImageAsync(string name, bool force, bool noPrune, CancellationToken cancellationToken)
    {
        var query = new QueryString().AddFlag("force", force).AddFlag("noprune", noPrune);
        return SendForJsonAsync(HttpMethod.Delete, $"/images/{EscapeName(name)}" + query, null, cancellationToken);
    }

    private static StreamContent TarContent(Stream body)
    {
        var content = new StreamContent(body, 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        return content;
    }

    // Image references keep their slashes in the path, as docker's client sends them.
    private static string EscapeName(string name)
        => string.Join('/', name.Split('/').Select(Uri.EscapeDataString)).Replace("%3A", ":", StringComparison.Ordinal);
}
