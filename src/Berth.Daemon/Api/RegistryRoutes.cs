using System.Text.Json;
using Berth.Core.Distribution;
using Berth.Engine.Registry;

namespace Berth.Daemon.Api;

/// <summary>
/// The built-in registry's routes (OCI distribution spec v1.1), served only on the registry's
/// own listener. Repository names hold slashes, so the path is split on its last
/// <c>/manifests/</c>, <c>/blobs/</c>, <c>/tags/list</c> or <c>/referrers/</c>; each handler
/// makes one <see cref="RegistryService"/> call and writes the spec's headers.
/// </summary>
internal static class RegistryRoutes
{
    public const string ApiVersionHeader = "Docker-Distribution-API-Version";
    public const string ApiVersion = "registry/2.0";

    public static async Task HandleAsync(HttpContext context, RegistryService registry)
    {
        var request = context.Request;
        var response = context.Response;
        var ct = context.RequestAborted;
        response.Headers[ApiVersionHeader] = ApiVersion;
        string method = request.Method;
        string path = request.Path.Value ?? "";
        if (path is "/v2" or "/v2/")
        {
            await JsonAsync(response, 200, json => { json.WriteStartObject(); json.WriteEndObject(); });
            return;
        }
        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
            throw OciErrors.Unsupported($"no route for {path}");
        string rest = path[4..];

        if (Split(rest, "/manifests/") is (string repo, string reference))
        {
            switch (method)
            {
                case "GET" or "HEAD":
                    var (manifest, content) = await registry.GetManifestAsync(repo, reference, ct);
                    await using (content)
                    {
                        response.ContentType = manifest.MediaType;
                        response.ContentLength = manifest.Size;
                        response.Headers["Docker-Content-Digest"] = manifest.Digest;
                        response.Headers.ETag = "\"" + manifest.Digest + "\"";
                        if (method == "GET")
                            await content.CopyToAsync(response.Body, ct);
                    }
                    return;
                case "PUT":
                    var put = await registry.PutManifestAsync(repo, reference, request.ContentType, request.Body, ct);
                    response.StatusCode = 201;
                    response.Headers.Location = $"/v2/{repo}/manifests/{put.Digest}";
                    response.Headers["Docker-Content-Digest"] = put.Digest;
                    if (put.Subject is not null)
                        response.Headers["OCI-Subject"] = put.Subject;
                    return;
                case "DELETE":
                    registry.DeleteManifest(repo, reference);
                    response.StatusCode = 202;
                    return;
            }
        }
        else if (Split(rest + (rest.EndsWith("/blobs/uploads", StringComparison.Ordinal) ? "/" : ""), "/blobs/uploads/") is (string uploadRepo, string id))
        {
            await UploadAsync(context, registry, uploadRepo, id);
            return;
        }
        else if (Split(rest, "/blobs/") is (string blobRepo, string digest))
        {
            switch (method)
            {
                case "GET" or "HEAD":
                    var blob = registry.OpenBlob(blobRepo, digest);
                    response.Headers["Docker-Content-Digest"] = digest;
                    response.Headers.ETag = "\"" + digest + "\"";
                    // Range and HEAD handled by ASP.NET Core's file result (206, 416, no body for HEAD).
                    await Results.Stream(blob, "application/octet-stream", enableRangeProcessing: true).ExecuteAsync(context);
                    return;
                case "DELETE":
                    registry.DeleteBlob(blobRepo, digest);
                    response.StatusCode = 202;
                    return;
            }
        }
        else if (rest.EndsWith("/tags/list", StringComparison.Ordinal) && method is "GET" or "HEAD")
        {
            string tagsRepo = rest[..^"/tags/list".Length];
            int? n = int.TryParse(request.Query["n"], out int count) && count >= 0 ? count : null;
            string? last = request.Query["last"].FirstOrDefault();
            var (tags, more) = registry.ListTags(tagsRepo, n, last);
            if (more)
                response.Headers.Link = $"</v2/{tagsRepo}/tags/list?n={n}&last={Uri.EscapeDataString(tags[^1])}>; rel=\"next\"";
            await JsonAsync(response, 200, json =>
            {
                json.WriteStartObject();
                json.WriteString("name", tagsRepo);
                json.WriteStartArray("tags");
                foreach (string tag in tags)
                    json.WriteStringValue(tag);
                json.WriteEndArray();
                json.WriteEndObject();
            });
            return;
        }
        else if (Split(rest, "/referrers/") is (string referrersRepo, string subject) && method is "GET")
        {
            string? artifactType = request.Query["artifactType"].FirstOrDefault();
            var referrers = registry.ListReferrers(referrersRepo, subject, artifactType);
            if (!string.IsNullOrEmpty(artifactType))
                response.Headers["OCI-Filters-Applied"] = "artifactType";
            response.ContentType = MediaTypes.OciIndex;
            await JsonAsync(response, 200, json => WriteReferrers(json, referrers), MediaTypes.OciIndex);
            return;
        }
        throw OciErrors.Unsupported($"no route for {method} {path}");
    }

    private static async Task UploadAsync(HttpContext context, RegistryService registry, string repo, string id)
    {
        var request = context.Request;
        var response = context.Response;
        var ct = context.RequestAborted;
        string? digest = request.Query["digest"].FirstOrDefault();
        switch (request.Method)
        {
            case "POST" when id.Length == 0:
                if (request.Query["mount"].FirstOrDefault() is { Length: > 0 } mount
                    && registry.MountBlob(repo, mount, request.Query["from"].FirstOrDefault() ?? ""))
                {
                    Created(response, repo, mount);
                    return;
                }
                if (!string.IsNullOrEmpty(digest))
                {
                    Created(response, repo, await registry.PutBlobAsync(repo, digest, request.Body, ct));
                    return;
                }
                Accepted(response, repo, registry.StartUpload(repo), 202);
                return;
            case "PATCH" when id.Length > 0:
                long? start = ContentRangeStart(request.Headers.ContentRange.ToString());
                Accepted(response, repo, await registry.AppendAsync(repo, id, start, request.Body, ct), 202);
                return;
            case "PUT" when id.Length > 0:
                if (string.IsNullOrEmpty(digest))
                    throw OciErrors.DigestInvalid("the digest parameter is missing");
                Created(response, repo, await registry.FinishUploadAsync(repo, id, digest, request.Body, ct));
                return;
            case "GET" when id.Length > 0:
                Accepted(response, repo, registry.GetUpload(repo, id), 204);
                return;
            case "DELETE" when id.Length > 0:
                await registry.CancelUploadAsync(repo, id);
                response.StatusCode = 204;
                return;
        }
        throw OciErrors.Unsupported($"no route for {request.Method} {request.Path}");
    }

    private static void Created(HttpResponse response, string repo, string digest)
    {
        response.StatusCode = 201;
        response.Headers.Location = $"/v2/{repo}/blobs/{digest}";
        response.Headers["Docker-Content-Digest"] = digest;
        response.ContentLength = 0;
    }

    private static void Accepted(HttpResponse response, string repo, BlobUpload upload, int status)
    {
        response.StatusCode = status;
        response.Headers.Location = $"/v2/{repo}/blobs/uploads/{upload.Id}";
        response.Headers["Docker-Upload-UUID"] = upload.Id;
        response.Headers.Range = upload.Size == 0 ? "0-0" : $"0-{upload.Size - 1}";
        response.ContentLength = 0;
    }

    /// <summary>The first byte of a PATCH's <c>Content-Range: start-end</c> (the spec's form, no unit); null without one.</summary>
    private static long? ContentRangeStart(string header)
    {
        if (string.IsNullOrEmpty(header))
            return null;
        string value = header.StartsWith("bytes ", StringComparison.Ordinal) ? header[6..] : header;
        int dash = value.IndexOf('-');
        return dash > 0 && long.TryParse(value[..dash], out long start) ? start
            : throw OciErrors.UploadInvalid($"invalid Content-Range {header}");
    }

    /// <summary><paramref name="rest"/> split at the last <paramref name="marker"/>: the repository and what follows.</summary>
    private static (string Repo, string Tail)? Split(string rest, string marker)
    {
        int at = rest.LastIndexOf(marker, StringComparison.Ordinal);
        return at > 0 ? (rest[..at], rest[(at + marker.Length)..]) : null;
    }

    private static void WriteReferrers(Utf8JsonWriter json, IReadOnlyList<RegistryManifest> referrers)
    {
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 2);
        json.WriteString("mediaType", MediaTypes.OciIndex);
        json.WriteStartArray("manifests");
        foreach (var m in referrers)
        {
            json.WriteStartObject();
            json.WriteString("mediaType", m.MediaType);
            json.WriteString("digest", m.Digest);
            json.WriteNumber("size", m.Size);
            if (m.ArtifactType is not null)
                json.WriteString("artifactType", m.ArtifactType);
            if (m.Annotations is not null)
            {
                json.WritePropertyName("annotations");
                json.WriteRawValue(m.Annotations);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static async Task JsonAsync(HttpResponse response, int status, Action<Utf8JsonWriter> write, string contentType = "application/json")
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(json);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(response.HttpContext.Request.Method))
            await response.Body.WriteAsync(buffer.ToArray(), response.HttpContext.RequestAborted);
    }
}
