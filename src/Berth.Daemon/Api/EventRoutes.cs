using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Engine.Events;

namespace Berth.Daemon.Api;

/// <summary><c>GET /events</c>: the journal since <c>since</c>, then live events until <c>until</c> or the client leaves.</summary>
internal static class EventRoutes
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/events", StreamAsync);

    private static async Task StreamAsync(HttpContext context, string? since, string? until, string? filters, EventLog events)
    {
        var filter = EventFilter.Parse(filters);
        long now = Nano(DateTime.UtcNow);
        long sinceNano = GoTime.ParseTimestamp(since) is DateTime s ? Nano(s) : now;
        long untilNano = GoTime.ParseTimestamp(until) is DateTime u ? Nano(u) : long.MaxValue;
        if (untilNano < sinceNano && until is not null)
            throw BerthException.Invalid("`since` time must be before `until`");

        var (past, live, subscription) = events.Subscribe(sinceNano, untilNano);
        using var _ = subscription;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted); // headers now: clients wait for them before reading
        foreach (var e in past.Where(filter.Matches))
            await WriteAsync(context.Response, e, context.RequestAborted);
        if (untilNano <= now)
            return;

        using var deadline = untilNano == long.MaxValue
            ? CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted)
            : CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, new CancellationTokenSource(TimeSpan.FromTicks((untilNano - now) / 100)).Token);
        try
        {
            await foreach (var e in live.ReadAllAsync(deadline.Token))
                if (e.TimeNano >= sinceNano && e.TimeNano <= untilNano && filter.Matches(e))
                    await WriteAsync(context.Response, e, deadline.Token);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // `until` reached.
        }
    }

    private static long Nano(DateTime t) => (t.ToUniversalTime() - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>Docker's event message, with the legacy status/id/from fields old clients read.</summary>
    private static async Task WriteAsync(HttpResponse response, EngineEvent e, CancellationToken ct)
    {
        var message = new Dictionary<string, object>();
        if (e.Type is "container" or "image")
        {
            message["status"] = e.Action;
            message["id"] = e.ActorId;
            if (e.Type == "container" && e.Attributes.TryGetValue("image", out string? image))
                message["from"] = image;
        }
        message["Type"] = e.Type;
        message["Action"] = e.Action;
        message["Actor"] = new { ID = e.ActorId, e.Attributes };
        message["scope"] = "local";
        message["time"] = e.TimeNano / 1_000_000_000;
        message["timeNano"] = e.TimeNano;
        await response.WriteAsync(JsonSerializer.Serialize(message, Json.Options) + "\n", ct);
        await response.Body.FlushAsync(ct);
    }
}
