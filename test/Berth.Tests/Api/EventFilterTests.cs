using Berth.Core.Events;
using Berth.Daemon.Api;

namespace Berth.Tests.Api;

/// <summary><c>GET /events</c>'s filters as dockerd's: names it does not know narrow nothing.</summary>
public sealed class EventFilterTests
{
    private static readonly EngineEvent s_start = new("container", "start", new string('a', 64),
        new Dictionary<string, string> { ["name"] = "web", ["image"] = "busybox" }, TimeNano: 1);

    [Theory]
    [InlineData("""{"bogus":["x"]}""", true)]
    [InlineData("""{"container":["web"],"typo":["1"]}""", true)]
    [InlineData("""{"service":["web"]}""", false)] // a swarm object's filter: only its own events
    [InlineData("""{"type":["image"]}""", false)]
    public void Unknown_filter_names_are_accepted_and_ignored(string filters, bool matches) =>
        Assert.Equal(matches, EventFilter.Parse(filters).Matches(s_start));
}
