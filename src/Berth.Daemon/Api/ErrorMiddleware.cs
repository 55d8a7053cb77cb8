using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>
/// The one place errors become HTTP: a <see cref="BerthException"/>'s kind picks the status,
/// the body is <c>{"message": "..."}</c>. Handlers never write error bodies themselves.
/// </summary>
internal static class ErrorMiddleware
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up: nobody to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            int status = e switch
            {
                BerthException b => StatusOf(b.Kind),
                JsonException => StatusCodes.Status400BadRequest,
                BadHttpRequestException b => b.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            };
            string message = e is JsonException j ? "invalid JSON: " + j.Message : e.Message;
            if (status == 500)
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("api").LogError(e, "{Path}", context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { message }, Json.Options) + "\n");
        }
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => 400,
        ErrorKind.Unauthorized => 401,
        ErrorKind.Forbidden => 403,
        ErrorKind.NotFound => 404,
        ErrorKind.Conflict => 409,
        ErrorKind.NotImplemented => 501,
        ErrorKind.Unavailable => 503,
        _ => 500,
    };
}
