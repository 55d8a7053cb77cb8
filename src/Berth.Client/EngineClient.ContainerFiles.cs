using System.Text.Json;
using Berth.Client.Transport;

namespace Berth.Client;

/// <summary>A container's files: changes (diff) and export.</summary>
public sealed partial class EngineClient
{
    /// <summary><c>GET /containers/{id}/changes</c>: <c>[{"Path": "/a", "Kind": 0|1|2}]</c>.</summary>
    public Task<JsonDocument> ContainerChangesAsync(string id, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, $"/containers/{Escape(id)}/changes", null, cancellationToken);

    /// <summary><c>GET /containers/{id}/export</c>: the container's filesystem as a tar stream.</summary>
    public Task<Stream> ExportContainerAsync(string id, CancellationToken cancellationToken)
        => SendForStreamAsync(HttpMethod.Get, $"/containers/{Escape(id)}/export", null, cancellationToken);

    /// <summary><c>HEAD /containers/{id}/archive</c>: the path's stat (decoded JSON), or null when nothing is there.</summary>
    public async Task<JsonDocument?> StatContainerPathAsync(string id, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Head, $"/containers/{Escape(id)}/archive" + new QueryString().Add("path", path), null, cancellationToken).ConfigureAwait(false);
            return response.Headers.TryGetValues("X-Docker-Container-Path-Stat", out var values)
                ? JsonDocument.Parse(Convert.FromBase64String(values.First()))
                : null;
        }
        catch (EngineApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary><c>GET /containers/{id}/archive</c>: a tar of the path (named by its base name).</summary>
    public Task<Stream> GetContainerArchiveAsync(string id, string path, CancellationToken cancellationToken)
        => SendForStreamAsync(HttpMethod.Get, $"/containers/{Escape(id)}/archive" + new QueryString().Add("path", path), null, cancellationToken);

    /// <summary><c>PUT /containers/{id}/archive</c>: extracts <paramref name="tar"/> into the directory at <paramref name="path"/>.</summary>
    public async Task PutContainerArchiveAsync(string id, string path, Stream tar, bool copyUidGid, CancellationToken cancellationToken)
    {
        var query = new QueryString().Add("path", path).Add("noOverwriteDirNonDir", "true");
        if (copyUidGid)
            query = query.Add("copyUIDGID", "true");
        using var content = new StreamContent(tar);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        (await SendAsync(HttpMethod.Put, $"/containers/{Escape(id)}/archive" + query, content, cancellationToken).ConfigureAwait(false)).Dispose();
    }
}
