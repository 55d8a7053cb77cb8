using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>
/// The one place errors become HTTP: a <see cref="BerthException"/>'s kind picks the status,
/// the body is <c>{"message": "..."}</c>. Handlers never write error bodies themselves. Once a
/// JSON message stream has sent its 200 (load, import, pull, push, build), the status is gone:
/// the error becomes the stream's last message, which the docker CLI prints, rather than a
/// dropped connection it can only call "unexpected EOF".
/// </summary>
internal static class ErrorMiddleware
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status400BadRequest && !context.Response.HasStarted)
                await WriteAsync(context, StatusCodes.Status400BadRequest, UnboundQueryValue.Describe(context));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up: nobody to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            int status = StatusOf(e);
            LogIfInternal(context, e, status);
            await WriteAsync(context, status, MessageOf(e));
        }
        catch (Exception e) when (JsonProgress.HasStarted(context))
        {
            LogIfInternal(context, e, StatusOf(e));
            try
            {
                await JsonProgress.WriteErrorAsync(context.Response, MessageOf(e), context.RequestAborted);
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // Gone while we wrote: nothing more to do.
            }
        }
    }

    /// <summary>
    /// The error body with its length, not chunked, as Go's server sends a small body:
    /// docker-py reads a chunked answer of a streaming call (build, pull...) as the stream
    /// itself, and would pass the error on as a line instead of raising it.
    /// </summary>
    private static async Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        byte[] body = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new ErrorResponse(message), DaemonJson.Api.ErrorResponse) + "\n");
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }

    private static int StatusOf(Exception e) => e switch
    {
        BerthException b => StatusOf(b.Kind),
        JsonException => StatusCodes.Status400BadRequest,
        BadHttpRequestException b => b.StatusCode, // 400 for a value that does not bind, 413 for a body over the limit
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string MessageOf(Exception e) => e is JsonException j ? "invalid JSON: " + j.Message : e.Message;

    private static void LogIfInternal(HttpContext context, Exception e, int status)
    {
        if (status == 500)
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("api").LogError(e, "{Path}", context.Request.Path);
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


    internal sealed record ErrorResponse(string message);
}
