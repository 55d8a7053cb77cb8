using System.Threading.Channels;
using Berth.Core.Events;
using Berth.Engine.Metadata;

namespace Berth.Engine.Events;

/// <summary>
/// Publishes events: each is journaled in the database (so <c>--since</c> reaches back across
/// daemon restarts) and handed to every live subscriber.
/// </summary>
public sealed class EventLog(MetadataStore metadata)
{
    private readonly Lock _lock = new();
    private readonly List<Channel<EngineEvent>> _subscribers = [];

    public void Publish(string type, string action, string actorId, IReadOnlyDictionary<string, string> attributes)
    {
        var e = new EngineEvent(type, action, actorId, attributes, (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
        lock (_lock)
        {
            metadata.AppendEvent(e);
            foreach (var channel in _subscribers)
                channel.Writer.TryWrite(e);
        }
    }

    /// <summary>
    /// The journal from <paramref name="sinceNano"/> on, then live events. Subscribing and
    /// reading the journal happen under one lock, so no event falls between the two.
    /// </summary>
    public (IReadOnlyList<EngineEvent> Past, ChannelReader<EngineEvent> Live, IDisposable Subscription) Subscribe(long sinceNano, long untilNano)
    {
        var channel = Channel.CreateUnbounded<EngineEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            var past = metadata.ReadEvents(sinceNano, untilNano);
            _subscribers.Add(channel);
            return (past, channel.Reader, new Unsubscriber(this, channel));
        }
    }

    private sealed class Unsubscriber(EventLog log, Channel<EngineEvent> channel) : IDisposable
    {
        public void Dispose()
        {
            lock (log._lock)
                log._subscribers.Remove(channel);
            channel.Writer.TryComplete();
        }
    }
}
