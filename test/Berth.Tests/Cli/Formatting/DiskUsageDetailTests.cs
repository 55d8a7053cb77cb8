using System.Text.Json;
using Berth.Cli.Formatting;

namespace Berth.Tests.Cli.Formatting;

public sealed class DiskUsageDetailTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private const string Df = """
        {"LayersSize":5000,"BuilderSize":1234567,
         "Images":[{"Id":"sha256:0123456789abcdef0123","RepoTags":["example.com/app:1","app:2"],"Created":1796090400,"Size":5000,"SharedSize":1000,"Containers":1},
                   {"Id":"sha256:fedcba9876543210fedc","RepoTags":[],"RepoDigests":[],"Created":1796126400,"Size":300,"SharedSize":0,"Containers":0}],
         "Containers":[],
         "Volumes":[{"Name":"data","UsageData":{"Size":4000,"RefCount":2}}],
         "BuildCache":[
           {"ID":"bbbbbbbbbbbbbbbbbbbb","Type":"regular","Size":2000,"CreatedAt":"2026-12-01T11:00:00Z","LastUsedAt":"2026-12-01T11:30:00Z","UsageCount":3,"InUse":true,"Shared":false},
           {"ID":"aaaaaaaaaaaaaaaaaaaa","Type":"regular","Size":1000,"CreatedAt":"2026-12-01T10:00:00Z","LastUsedAt":null,"UsageCount":0,"InUse":false,"Shared":true}]}
        """;

    [Fact]
    public void Verbose_tables_come_in_docker_order_with_first_tags_links_and_marked_cache_records()
    {
        using var df = JsonDocument.Parse(Df);
        var lines = DiskUsageDetail.Render(df.RootElement, "", Now).Split('\n');
        Assert.Equal("Images space usage:", lines[0]);
        Assert.Matches(@"^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE\s+SHARED SIZE\s+UNIQUE SIZE\s+CONTAINERS$", lines[2]);
        Assert.Matches(@"^example.com/app\s+1\s+0123456789ab\s+10 hours ago\s+5kB\s+1kB\s+4kB\s+1$", lines[3]);
        Assert.Matches(@"^<none>\s+<none>\s+fedcba987654\s", lines[4]);
        Assert.Equal("Containers space usage:", lines[6]);
        Assert.Matches(@"^CONTAINER ID\s+IMAGE\s+COMMAND\s+LOCAL VOLUMES\s+SIZE\s+CREATED\s+STATUS\s+NAMES$", lines[8]);
        Assert.Equal("Local Volumes space usage:", lines[10]);
        Assert.Matches(@"^data\s+2\s+4kB$", lines[13]);
        Assert.Equal("Build cache usage: 1.235MB", lines[15]);
        Assert.Matches(@"^CACHE ID\s+CACHE TYPE\s+SIZE\s+CREATED\s+LAST USED\s+USAGE\s+SHARED$", lines[17]);
        // Never-used records first, then by last use; the one in use is starred.
        Assert.Matches(@"^aaaaaaaaaaaa\s+regular\s+1kB\s+2 hours ago\s+0\s+true$", lines[18]);
        Assert.Matches(@"^bbbbbbbbbbbb\*\s+regular\s+2kB\s+About an hour ago\s+30 minutes ago\s+3\s+false$", lines[19]);
    }

    [Fact]
    public void Another_format_is_one_template_over_the_four_lists()
    {
        using var df = JsonDocument.Parse(Df);
        Assert.Equal("data=4kB;aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbb* ",
            DiskUsageDetail.Render(df.RootElement, "{{range .Volumes}}{{.Name}}={{.Size}}{{end}};{{range .BuildCache}}{{.ID}} {{end}}", Now));
    }
}
