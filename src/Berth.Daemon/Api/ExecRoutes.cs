using System.Text.Json;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Containers;

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
        using var body = await Json.ReadAsync(request, ct) ?? throw BerthException.Invalid("No exec command specified");
        var r = body.RootElement;
        var exec = containers.CreateExec(id, new ExecInstance
        {
            Id = "", ContainerId = id,
            Cmd = Strings(r, "Cmd"), Env = Strings(r, "Env"),
            User = Text(r, "User"), WorkingDir = Text(r, "WorkingDir"),
            Tty = Bool(r, "Tty"), AttachStdin = Bool(r, "AttachStdin"), AttachStdout = Bool(r, "AttachStdout"),
            AttachStderr = Bool(r, "AttachStderr"), Privileged = Bool(r, "Privileged"),
            ConsoleSize = r.TryGetProperty("ConsoleSize", out var size) && size.ValueKind == JsonValueKind.Array
                ? size.EnumerateArray().Select(v => v.TryGetInt32(out int n) ? n : 0).ToArray() : null,
        });
        return Json.Ok(new { exec.Id }, 201);
    }

    private static async Task StartAsync(HttpContext context, string id, ContainerService containers)
    {
        using var body = await Json.ReadAsync(context.Request, context.RequestAborted);
        bool detach = body is not null && Bool(body.RootElement, "Detach");
        var exec = containers.GetExec(id);
        if (detach)
        {
            _ = containers.RunExecAsync(id, detach: true, null, _ => ValueTask.CompletedTask, CancellationToken.None);
            context.Response.StatusCode = 200;
            return;
        }
        Stream stream = await Hijack.OpenAsync(context, exec.Tty);
        var writer = new StreamFrameWriter(stream, exec.Tty, timestamps: false);
        try
        {
            await containers.RunExecAsync(id, detach: false, exec.AttachStdin ? stream : null, writer.WriteAsync, CancellationToken.None);
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
        return Json.Ok(new
        {
            ID = e.Id, e.Running, e.ExitCode,
            ProcessConfig = new { e.Tty, Entrypoint = e.Cmd[0], Arguments = e.Cmd.Skip(1).ToArray(), e.Privileged, e.User },
            OpenStdin = e.AttachStdin, OpenStderr = e.AttachStderr, OpenStdout = e.AttachStdout,
            CanRemove = false, ContainerID = e.ContainerId, DetachKeys = "", e.Pid,
        });
    }

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
