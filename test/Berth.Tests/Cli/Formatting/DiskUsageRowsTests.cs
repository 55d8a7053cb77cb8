using System.Text.Json;
using Berth.Cli.Formatting;

namespace Berth.Tests.Cli.Formatting;

public sealed class DiskUsageRowsTests
{
    private static Dictionary<string, object?> BuildCacheRow(string json) =>
        DiskUsageRows.Create(JsonDocument.Parse(json).RootElement).Select(r => r.Fields.ToDictionary()).Single(r => (string?)r["Type"] == "Build Cache");

    [Fact]
    public void The_build_cache_row_counts_every_record_and_sums_only_those_not_shared_as_the_docker_cli()
    {
        var row = BuildCacheRow("""
            {"LayersSize": 0, "BuilderSize": 10000, "BuildCache": [
              {"ID": "a", "InUse": false, "Shared": false, "Size": 4000},
              {"ID": "b", "InUse": false, "Shared": true, "Size": 6000},
              {"ID": "c", "InUse": true, "Shared": false, "Size": 1000}]}
            """);
        Assert.Equal("3", row["TotalCount"]);
        Assert.Equal("1", row["Active"]);
        Assert.Equal("5kB", row["Size"]);
        Assert.Equal("4kB", row["Reclaimable"]);
    }

    [Fact]
    public void Without_records_the_build_cache_row_is_zero()
    {
        var row = BuildCacheRow("""{"LayersSize": 0, "BuilderSize": 0, "BuildCache": null}""");
        Assert.Equal("0", row["TotalCount"]);
        Assert.Equal("0B", row["Size"]);
        Assert.Equal("0B", row["Reclaimable"]);
    }
}
