using System.Text.Json;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Containers;
using Berth.Engine.Logs;

namespace Berth.Daemon.Api;

/// <summary><c>POST /containers/{id}/exec</c> and the <c>/exec</c> area.</summary>
internal static class ExecRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/containers/{id}/exec", CreateAsync);
        app.MapPost("/exec/{id}/start", StartAsync);
        app.MapGet("/exec/{id}/json", Inspect);
        app.MapPost("/exec/{id}/resize", (string id, int? h, int? w, ContainerService containers) =>
        {
            containers.ResizeExec(id, h ?? 0, w ?? 0);
            return Results.Ok();
        });
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, string id, ContainerService containers, CancellationToken ct)
    {
        using var body = await Json.ReadObjectAsync(request, ct) ?? throw BerthException.Invalid("No exec command specified");
        var r = body.RootElement;
        string detachKeys = JsonFields.Text(r, "DetachKeys") ?? "";
        byte[] keys = [];
        if (detachKeys.Length > 0 && !DetachKeys.TryParse(detachKeys, out keys))
            throw new BerthException(ErrorKind.Internal, $"Invalid escape keys ({detachKeys}) provided"); // Docker's 500, not a 400
        var exec = containers.CreateExec(id, new ExecInstance
        {
            Id = "", ContainerId = id,
            Cmd = JsonFields.Strings(r, "Cmd"), Env = JsonFields.Strings(r, "Env"),
            User = JsonFields.Text(r, "User") ?? "", WorkingDir = JsonFields.Text(r, "WorkingDir") ?? "",
            Tty = JsonFields.Bool(r, "Tty"), AttachStdin = JsonFields.Bool(r, "AttachStdin"), AttachStdout = JsonFields.Bool(r, "AttachStdout"),
            AttachStderr = JsonFields.Bool(r, "AttachStderr"), Privileged = JsonFields.Bool(r, "Privileged"), DetachKeys = keys,
            ConsoleSize = JsonFields.Ints(r, "ConsoleSize"),
        });
        return Json.Ok(new ExecCreateResponse(exec.Id), DaemonJson.Api.ExecCreateResponse, 201);
    }

    /// <summary>
    /// Runs the exec on the hijacked connection. With a terminal, the client's input is
    /// watched for the detach keys: they end the connection and leave the process running.
    /// The output is framed by the start request's <c>Tty</c>, not the create's, as Docker:
    /// an exec made with a terminal but started with <c>Tty: false</c> gets multiplexed frames.
    /// </summary>
    private static async Task StartAsync(HttpContext context, string id, ContainerService containers)
    {
        using var body = await Json.ReadObjectAsync(context.Request, context.RequestAborted);
        bool detach = body is not null && JsonFields.Bool(body.RootElement, "Detach");
        bool rawStream = body is not null && JsonFields.Bool(body.RootElement, "Tty");
        var exec = containers.GetExec(id);
        if (detach)
        {
            _ = containers.RunExecAsync(id, detach: true, null, _ => ValueTask.CompletedTask, CancellationToken.None);
            context.Response.StatusCode = 200;
            return;
        }
        Stream stream = await Hijack.OpenAsync(context, rawStream);
        var writer = new StreamFrameWriter(stream, rawStream, timestamps: false);
        var watched = exec.Tty ? new DetachKeyStream(stream, exec.DetachKeys.Length > 0 ? exec.DetachKeys : DetachKeys.Default) : null;
        bool detached = false;
        // After a detach the process runs on, its output drained unread.
        async ValueTask Forward(LogEntry e)
        {
            try
            {
                if (!detached)
                    await writer.WriteAsync(e);
            }
            catch (Exception ex) when (detached && ex is IOException or ObjectDisposedException)
            {
                // Written as the connection closed.
            }
        }
        try
        {
            var run = containers.RunExecAsync(id, detach: false, exec.AttachStdin ? watched ?? stream : null, Forward, CancellationToken.None);
            if (watched is not null && await Task.WhenAny(run, watched.Detached) != run)
            {
                detached = true;
                _ = run.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                return;
            }
            await run;
            await writer.FlushAsync(CancellationToken.None);
        }
        catch (IOException)
        {
            // The client hung up.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private static IResult Inspect(string id, ContainerService containers)
    {
        var e = containers.GetExec(id);
        return Json.Ok(new ExecInspectView(
            ID: e.Id, e.Running, e.ExitCode, // null until the exit, as dockerd's
            ProcessConfig: new ProcessConfigView(e.Tty, Entrypoint: e.Cmd[0], Arguments: e.Cmd.Skip(1).ToArray(), e.Privileged, e.User),
            OpenStdin: e.AttachStdin, OpenStderr: e.AttachStderr, OpenStdout: e.AttachStdout,
            CanRemove: false, ContainerID: e.ContainerId, e.DetachKeys, e.Pid), DaemonJson.Api.ExecInspectView); // DetachKeys: base64 of the bytes, as Docker
    }


    internal sealed record ExecCreateResponse(string Id);

    internal sealed record ExecInspectView(string ID, bool Running, int? ExitCode, ProcessConfigView ProcessConfig, bool OpenStdin, bool OpenStderr,
        bool OpenStdout, bool CanRemove, string ContainerID, byte[] DetachKeys, int Pid);

    internal sealed record ProcessConfigView(bool Tty, string Entrypoint, string[] Arguments, bool Privileged, string User);
}
