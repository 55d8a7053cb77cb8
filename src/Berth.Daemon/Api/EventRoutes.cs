using System.Text.Json;
using System.Text.Json.Serialization;
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
        bool legacy = e.Type is "container" or "image";
        var message = new EventMessage(
            status: legacy ? e.Action : null,
            id: legacy ? e.ActorId : null,
            from: legacy && e.Type == "container" && e.Attributes.TryGetValue("image", out string? image) ? image : null,
            Type: e.Type,
            Action: e.Action,
            Actor: new EventActor(ID: e.ActorId, e.Attributes),
            scope: "local",
            time: e.TimeNano / 1_000_000_000,
            timeNano: e.TimeNano);
        await response.WriteAsync(JsonSerializer.Serialize(message, DaemonJson.Api.EventMessage) + "\n", ct);
        await response.Body.FlushAsync(ct);
    }


    /// <summary>Docker's event message; the legacy fields only where it writes them.</summary>
    internal sealed record EventMessage(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? id,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? from,
        string Type, string Action, EventActor Actor, string scope, long time, long timeNano);

    internal sealed record EventActor(string ID, IReadOnlyDictionary<string, string> Attributes);
}
