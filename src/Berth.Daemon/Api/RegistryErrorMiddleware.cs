using System.Text.Json;
using Berth.Core.Distribution;
using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>
/// The built-in registry's errors, in the distribution spec's shape rather than the Engine
/// API's: <c>{"errors":[{"code":"MANIFEST_UNKNOWN","message":"...","detail":null}]}</c>, the
/// status from the <see cref="RegistryException"/> (other engine errors by their kind).
/// </summary>
internal static class RegistryErrorMiddleware
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client hung up: its upload is dropped already, nobody to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var (status, code) = e switch
            {
                RegistryException r => (r.Status, r.Code),
                BerthException b => (ErrorMiddleware.StatusOf(b.Kind), b.Kind == ErrorKind.NotFound ? "NAME_UNKNOWN" : "UNSUPPORTED"),
                BadHttpRequestException => (400, "UNSUPPORTED"),
                _ => (500, "UNKNOWN"),
            };
            if (status == 500)
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("registry").LogError(e, "{Path}", context.Request.Path);
            context.Response.Clear();
            context.Response.Headers[RegistryRoutes.ApiVersionHeader] = RegistryRoutes.ApiVersion;
            if (status == 401)
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"berth registry\"";
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await WriteAsync(context.Response, code, status == 500 ? "internal error" : e.Message);
        }
    }

    private static async Task WriteAsync(HttpResponse response, string code, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("errors");
            json.WriteStartObject();
            json.WriteString("code", code);
            json.WriteString("message", message);
            json.WriteNull("detail");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await response.Body.WriteAsync(buffer.ToArray());
    }
}
