using System.Text.Json;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;
using Berth.Client;

namespace Berth.Tests.Cli.Formatting;

public sealed class EventRowsTests
{
    private const string Create = """
        {"status":"create","id":"abc123","from":"busybox","Type":"container","Action":"create",
         "Actor":{"ID":"abc123","Attributes":{"name":"web","image":"busybox","com.example":"x<y"}},
         "scope":"local","time":1796160150,"timeNano":1796160150667335400}
        """;

    [Fact]
    public void Line_has_fixed_nanoseconds_and_sorted_attributes()
    {
        var line = Line(Create);
        Assert.Matches(@"^2026-12-01T\d\d:\d\d:30\.667335400(Z|[+-]\d\d:\d\d) ", line);
        Assert.EndsWith(" container create abc123 (com.example=x<y, image=busybox, name=web)\n", line);
    }

    [Fact]
    public void Line_without_attributes_or_nanoseconds()
    {
        var line = Line("""{"Type":"network","Action":"destroy","Actor":{"ID":"n1","Attributes":{}},"time":1796160150}""");
        Assert.Matches(@"^\S+\.000000000\S* network destroy n1\n$", line);
        Assert.Equal("image pull busybox\n", Line("""{"Type":"image","Action":"pull","Actor":{"ID":"busybox"}}"""));
    }

    [Fact]
    public void Utc_time_ends_in_z()
    {
        if (TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow) == TimeSpan.Zero)
        {
            Assert.Equal("2026-12-01T21:22:30.000000042Z", TimeText.Rfc3339NanoFixed(1796160150_000000042));
        }
    }

    [Fact]
    public void Template_fields_are_events_message()
        => Assert.Equal(
            "container|create|web|<no value>|1796160150|create|local|{abc123 map[com.example:x<y image:busybox name:web]}",
            Execute("{{.Type}}|{{.Action}}|{{.Actor.Attributes.name}}|{{.Actor.Attributes.nope}}|{{.Time}}|{{.Status}}|{{.Scope}}|{{.Actor}}", Create));

    [Fact]
    public void Json_keeps_the_struct_order_and_omits_empty_fields()
    {
        Assert.Equal(
            """{"status":"create","id":"abc123","from":"busybox","Type":"container","Action":"create","Actor":{"ID":"abc123","Attributes":{"com.example":"x<y","image":"busybox","name":"web"}},"scope":"local","time":1796160150,"timeNano":1796160150667335400}""",
            Execute("{{json .}}", Create));
        Assert.Equal("""{"Type":"","Action":"","Actor":{"ID":"","Attributes":null}}""", Execute("{{json .}}", "{}"));
    }

    [Fact]
    public void Unknown_field_fails_on_the_empty_message()
    {
        var ex = Assert.Throws<TemplateException>(() => GoTemplate.Parse("{{.Bad}}").Execute(EventRows.Create(default)));
        Assert.Equal("template: :1:2: executing \"\" at <.Bad>: can't evaluate field Bad in type *events.Message", ex.Message);
    }

    [Fact]
    public void Filters_become_the_query_docker_sends()
    {
        var filters = new FilterArgs();
        foreach (var filter in new[] { "type=container", "Event=start", "event= die ", "label=a=b" })
        {
            filters.AddArgument(filter);
        }

        Assert.Equal("""{"event":{"start":true,"die":true},"label":{"a=b":true},"type":{"container":true}}""", filters.ToJson());
    }

    private static string Line(string json)
    {
        using var e = JsonDocument.Parse(json);
        return EventRows.Line(e.RootElement);
    }

    private static string Execute(string template, string json)
    {
        using var e = JsonDocument.Parse(json);
        return GoTemplate.Parse(template).Execute(EventRows.Create(e.RootElement));
    }
}
