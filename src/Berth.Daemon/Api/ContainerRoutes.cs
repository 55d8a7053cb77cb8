using System.Text.Json;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Networking;
using Berth.Daemon.Api.Models;
using Berth.Engine.Containers;
using Berth.Engine.Logs;

namespace Berth.Daemon.Api;

/// <summary>The <c>/containers</c> area of the Engine API.</summary>
internal static class ContainerRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/containers/create", CreateAsync);
        app.MapGet("/containers/json", List);
        app.MapGet("/containers/{id}/json", Inspect);
        app.MapPost("/containers/{id}/start", StartAsync);
        app.MapPost("/containers/{id}/stop", StopAsync);
        app.MapPost("/containers/{id}/restart", RestartAsync);
        app.MapPost("/containers/{id}/kill", KillAsync);
        app.MapPost("/containers/{id}/wait", WaitAsync);
        app.MapDelete("/containers/{**id}", RemoveAsync);
        app.MapGet("/containers/{id}/logs", LogsAsync);
        app.MapPost("/containers/{id}/attach", AttachAsync);
        app.MapGet("/containers/{id}/attach/ws", WebSocketAttach.AttachAsync);
        app.MapPost("/containers/{id}/pause", async (string id, ContainerService containers, CancellationToken ct) =>
        {
            await containers.PauseAsync(id, ct);
            return Results.NoContent();
        });
        app.MapPost("/containers/{id}/unpause", async (string id, ContainerService containers, CancellationToken ct) =>
        {
            await containers.UnpauseAsync(id, ct);
            return Results.NoContent();
        });
        app.MapPost("/containers/{id}/rename", (string id, string? name, ContainerService containers) =>
        {
            containers.Rename(id, name ?? "");
            return Results.NoContent();
        });
        app.MapGet("/containers/{id}/top", TopAsync);
        app.MapPost("/containers/prune", PruneAsync);
        app.MapPost("/containers/{id}/update", async (HttpRequest request, string id, ContainerService containers, CancellationToken ct) =>
        {
            using var body = await Json.ReadAsync(request, ct) ?? throw BerthException.Invalid("no update given");
            await containers.UpdateAsync(id, new ContainerUpdateRequest(body.RootElement).ApplyTo, ct);
            return Json.Ok(new ContainerUpdateResponse([]), DaemonJson.Api.ContainerUpdateResponse);
        });
        app.MapPost("/containers/{id}/resize", (string id, int? h, int? w, ContainerService containers) =>
        {
            containers.Resize(id, h ?? 0, w ?? 0);
            return Results.Ok();
        });
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, string? name, ContainerService containers, CancellationToken ct)
    {
        using var body = await Json.ReadAsync(request, ct) ?? throw BerthException.Invalid("config cannot be empty in order to create a container");
        var create = body.RootElement.Deserialize(Json.ReadingInfo<ContainerCreateRequest>()) ?? new ContainerCreateRequest();
        string version = ApiVersion.Of(request.HttpContext);
        var container = containers.Create(create.ToCore(), create.HostToCore(), string.IsNullOrEmpty(name) ? null : name, create.EndpointsToCore(version));
        return Json.Ok(new ContainerCreateResponse(container.Id, []), DaemonJson.Api.ContainerCreateResponse, 201);
    }

    private static IResult List(string? all, int? limit, string? size, string? filters, ContainerService containers, IImageStore images)
    {
        var filter = ContainerFilter.Parse(filters, containers.Get);
        IEnumerable<Container> list = containers.List();
        if (!Flag(all) && limit is null or <= 0)
            list = list.Where(c => c.State.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting);
        list = list.Where(c => filter.Matches(c, name => images.TryResolve(name)?.Id, containers.NetworkIdsOf(c)));
        if (limit > 0)
            list = list.Take(limit.Value);
        bool sized = Flag(size);
        return Json.Ok(list.Select(c => ContainerViews.Summary(c, c.Config.Image, containers.NetworkIdsOf(c), sized ? containers.Sizes(c) : null)).ToList(),
            DaemonJson.Api.ListContainerSummaryView);
    }

    private static IResult Inspect(string id, HttpContext context, ContainerService containers)
    {
        var d = containers.Inspect(id);
        var view = ContainerViews.Inspect(d.Container, d.Rootfs, d.UpperDir, d.BundleDir, d.LogPath, d.NetworkIds);
        if (ApiVersion.Below(context, "1.45"))
            view = ContainerViews.BelowApi145(view, d.Container);
        return Json.Ok(view, DaemonJson.Api.ContainerInspectView);
    }

    private static async Task<IResult> StartAsync(string id, ContainerService containers, CancellationToken ct) =>
        await containers.StartAsync(id, ct) ? Results.NoContent() : Results.StatusCode(304);

    private static async Task<IResult> StopAsync(string id, int? t, string? signal, ContainerService containers, CancellationToken ct) =>
        await containers.StopAsync(id, t, signal, ct) ? Results.NoContent() : Results.StatusCode(304);

    private static async Task<IResult> RestartAsync(string id, int? t, string? signal, ContainerService containers, CancellationToken ct)
    {
        await containers.RestartAsync(id, t, signal, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> KillAsync(string id, string? signal, ContainerService containers, CancellationToken ct)
    {
        await containers.KillAsync(id, signal, ct);
        return Results.NoContent();
    }

    /// <summary>Answers 200 as soon as the waiter is registered; the body follows at the exit.</summary>
    private static async Task WaitAsync(HttpContext context, string id, string? condition, ContainerService containers)
    {
        var wait = containers.BeginWait(id, WaitConditions.Parse(condition));
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.FlushAsync(context.RequestAborted);
        int code = await wait(context.RequestAborted);
        await context.Response.WriteAsync(JsonSerializer.Serialize(new WaitResponse(code), DaemonJson.Default.WaitResponse) + "\n", context.RequestAborted);
    }

    /// <summary>
    /// <c>DELETE /containers/{id}</c>; with <c>link</c>, the id is a legacy link's name
    /// (<c>/PARENT/ALIAS</c>, slashes and all: the route takes the rest of the path).
    /// </summary>
    private static async Task<IResult> RemoveAsync(string id, string? force, string? v, string? link, ContainerService containers, CancellationToken ct)
    {
        if (Flag(link))
            await containers.RemoveLinkAsync(id, ct);
        else
            await containers.RemoveAsync(id, Flag(force), ct, removeVolumes: Flag(v));
        return Results.NoContent();
    }

    private static async Task LogsAsync(HttpContext context, string id, ContainerService containers)
    {
        var q = context.Request.Query;
        bool stdout = Flag(q["stdout"]), stderr = Flag(q["stderr"]);
        if (!stdout && !stderr)
            throw BerthException.Invalid("Bad parameters: you must choose at least one stream");
        var query = new LogQuery
        {
            Stdout = stdout, Stderr = stderr, Follow = Flag(q["follow"]),
            Tail = int.TryParse(q["tail"], out int tail) && tail >= 0 ? tail : null,
            Since = GoTime.ParseTimestamp(q["since"]), Until = GoTime.ParseTimestamp(q["until"]),
        };
        containers.CheckLogsReadable(id); // before the 200 goes out: errors after it reach nobody
        bool tty = containers.IsTty(id);
        var writer = new StreamFrameWriter(context.Response.Body, tty, Flag(q["timestamps"]));
        context.Response.ContentType = tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted); // headers now: clients wait for them before reading
        Func<LogEntry, ValueTask> sink = writer.WriteAsync;
        if (Flag(q["details"]))
        {
            // As Docker: the line's attributes and a space before every line, even with no attributes.
            byte[] prefix = System.Text.Encoding.UTF8.GetBytes(containers.LogDetails(id) + " ");
            bool lineStart = true; // a long line comes as several partial records: one prefix per line
            sink = e =>
            {
                var entry = lineStart ? e with { Content = (byte[])[.. prefix, .. e.Content.Span] } : e;
                lineStart = !e.Partial;
                return writer.WriteAsync(entry);
            };
        }
        await containers.LogsAsync(id, query, sink, context.RequestAborted);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// Hijacks the connection (HTTP 101, Upgrade: tcp) and streams the container's output.
    /// With a terminal, the client's input is watched for the detach keys (<c>detachKeys</c>,
    /// by default Ctrl-p Ctrl-q): they end the attach and the connection, and leave the
    /// container running with its stdin open.
    /// </summary>
    private static async Task AttachAsync(HttpContext context, string id, string? detachKeys, ContainerService containers)
    {
        var q = context.Request.Query;
        byte[] keys = [];
        if (!string.IsNullOrEmpty(detachKeys) && !DetachKeys.TryParse(detachKeys, out keys))
            throw BerthException.Invalid($"Invalid detach keys ({detachKeys}) provided");
        bool tty = containers.IsTty(id);
        Stream stream = await Hijack.OpenAsync(context, tty);
        var writer = new StreamFrameWriter(stream, tty, timestamps: false);
        if (!Flag(q["stream"]))
        {
            // stream=0 (docker-py's attach(stream=False); the docker CLI always streams): what
            // the container wrote so far with logs=1, nothing without, and the attach ends, as dockerd's.
            await using (stream)
            {
                bool stdout = Flag(q["stdout"]), stderr = Flag(q["stderr"]);
                if (Flag(q["logs"]) && (stdout || stderr))
                    await containers.LogsAsync(id, new LogQuery { Stdout = stdout, Stderr = stderr }, writer.WriteAsync, CancellationToken.None);
                await writer.FlushAsync(CancellationToken.None);
            }
            return;
        }
        var watched = tty ? new DetachKeyStream(stream, keys.Length > 0 ? keys : DetachKeys.Default) : null;
        if (Flag(q["stdin"]))
            _ = CopyInputAsync(containers, id, watched ?? stream);
        using var detach = new CancellationTokenSource();
        try
        {
            // Not RequestAborted: a client without stdin half-closes its side at once, which
            // Kestrel reports as an abort. A client really gone shows as a failed write.
            // logs=1 replays what the container wrote so far before the live output, as dockerd's.
            var output = containers.AttachOutputAsync(id, Flag(q["stdout"]), Flag(q["stderr"]), writer.WriteAsync, detach.Token, replay: Flag(q["logs"]));
            if (watched is not null && await Task.WhenAny(output, watched.Detached) != output)
                detach.Cancel();
            await output;
            await writer.FlushAsync(CancellationToken.None);
        }
        catch (IOException)
        {
            // The client hung up.
        }
        catch (OperationCanceledException) when (detach.IsCancellationRequested)
        {
            // Detached: the container runs on.
        }
        finally
        {
            if (watched is { Detached.IsCompleted: true })
                containers.NoteDetached(id);
            await stream.DisposeAsync();
        }
    }

    /// <summary>Removes every stopped container (matching the label/until filters).</summary>
    private static async Task<IResult> PruneAsync(string? filters, ContainerService containers, CancellationToken ct)
    {
        var filter = ContainerFilter.ParseForPrune(filters);
        var report = await containers.PruneAsync(filter.MatchesPrune, ct);
        return Json.Ok(new ContainerPruneResponse(ContainersDeleted: report.Deleted, SpaceReclaimed: report.SpaceReclaimed), DaemonJson.Api.ContainerPruneResponse);
    }

    internal static async Task CopyInputAsync(ContainerService containers, string id, Stream stream)
    {
        try
        {
            await containers.AttachInputAsync(id, stream, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            // The client or the container went away; the output side ends the attach.
        }
    }

    private static async Task<IResult> TopAsync(string id, string? ps_args, ContainerService containers, CancellationToken ct)
    {
        var (titles, rows) = await containers.TopAsync(id, ps_args, ct);
        return Json.Ok(new TopResponse(Titles: titles, Processes: rows), DaemonJson.Api.TopResponse);
    }

    internal static bool Flag(string? value) => value is "1" or "true" or "True";


    internal sealed record ContainerCreateResponse(string Id, string[] Warnings);

    internal sealed record ContainerUpdateResponse(string[] Warnings);

    internal sealed record WaitResponse(int StatusCode);

    internal sealed record ContainerPruneResponse(IReadOnlyList<string> ContainersDeleted, long SpaceReclaimed);

    internal sealed record TopResponse(IReadOnlyList<string> Titles, IReadOnlyList<IReadOnlyList<string>> Processes);
}
