using System.Text.Json;
using Berth.Core.Build;
using Berth.Daemon.Api;
using Berth.Daemon.Api.Models;
using Berth.Engine.Services;

namespace Berth.Tests.Api.Models;

public sealed class DiskUsageViewsTests
{
    private static JsonElement Render(IReadOnlyList<BuildCacheRecord>? records) =>
        JsonSerializer.SerializeToElement(DiskUsageViews.Render(new DiskUsage(0, [], [], [], records), _ => new Dictionary<string, string>()), Berth.Daemon.Api.Json.Options);

    [Fact]
    public void Without_build_cache_records_BuildCache_is_an_empty_list_as_the_api_description_types_it()
    {
        var body = Render([]);
        Assert.Equal(0, body.GetProperty("BuildCache").GetArrayLength());
        Assert.Equal(0, body.GetProperty("BuilderSize").GetInt64());
    }

    [Fact]
    public void Each_record_is_a_docker_BuildCache_object()
    {
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var body = Render([
            new BuildCacheRecord("k1", "sha256:i1", null, "regular", "/bin/sh -c #(nop) COPY file:x in / ", false, false, 4000, created, null, 0),
            new BuildCacheRecord("k2", "sha256:i2", "k1", "regular", "/bin/sh -c true", true, true, 0, created, created.AddMinutes(1), 2),
        ]);
        Assert.Equal(4000, body.GetProperty("BuilderSize").GetInt64());
        var first = body.GetProperty("BuildCache")[0];
        Assert.Equal("k1", first.GetProperty("ID").GetString());
        Assert.Equal(0, first.GetProperty("Parents").GetArrayLength());
        Assert.Equal("regular", first.GetProperty("Type").GetString());
        Assert.Equal(4000, first.GetProperty("Size").GetInt64());
        Assert.Equal("2026-01-02T03:04:05Z", first.GetProperty("CreatedAt").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("LastUsedAt").ValueKind);
        var second = body.GetProperty("BuildCache")[1];
        Assert.Equal("k1", second.GetProperty("Parents")[0].GetString());
        Assert.True(second.GetProperty("InUse").GetBoolean());
        Assert.True(second.GetProperty("Shared").GetBoolean());
        Assert.Equal(2, second.GetProperty("UsageCount").GetInt32());
    }
}
