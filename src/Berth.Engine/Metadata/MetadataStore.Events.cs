using System.Text.Json;
using Berth.Core.Events;

namespace Berth.Engine.Metadata;

public sealed partial class MetadataStore
{
    private const int EventsKept = 10_000;

    /// <summary>Appends an event; the journal keeps the last <see cref="EventsKept"/>.</summary>
    public void AppendEvent(EngineEvent e) => InTransaction(tx =>
    {
        long seq = Scalar<long>(
            "INSERT INTO events(time_nano, type, action, actor, attributes) VALUES ($t, $ty, $a, $id, $attr) RETURNING seq", tx,
            ("$t", e.TimeNano), ("$ty", e.Type), ("$a", e.Action), ("$id", e.ActorId), ("$attr", JsonSerializer.Serialize(e.Attributes, EngineJson.Default.IReadOnlyDictionaryStringString)));
        if (seq % 1000 == 0)
            Execute("DELETE FROM events WHERE seq <= $s", tx, ("$s", seq - EventsKept));
    });

    /// <summary>Events from <paramref name="sinceNano"/> to <paramref name="untilNano"/>, oldest first.</summary>
    public IReadOnlyList<EngineEvent> ReadEvents(long sinceNano, long untilNano) => Read(() =>
    {
        using var cmd = Command("SELECT time_nano, type, action, actor, attributes FROM events WHERE time_nano >= $s AND time_nano <= $u ORDER BY seq", null,
            ("$s", sinceNano), ("$u", untilNano));
        using var r = cmd.ExecuteReader();
        var events = new List<EngineEvent>();
        while (r.Read())
            events.Add(new EngineEvent(r.GetString(1), r.GetString(2), r.GetString(3),
                JsonSerializer.Deserialize(r.GetString(4), EngineJson.Default.DictionaryStringString)!, r.GetInt64(0)));
        return events;
    });
}
