using System.Text.Json;
using Berth.Cli.Formatting;

namespace Berth.Tests.Cli.Formatting;

public sealed class NetworkRowsTests
{
    [Fact]
    public void Default_table_has_docker_columns_and_short_ids()
    {
        using var list = JsonDocument.Parse("""[{"Name":"bridge","Id":"0123456789abcdef0123","Driver":"bridge","Scope":"local"}]""");
        var formatter = OutputFormatter.Create("table", NetworkRows.DefaultTable);
        var text = formatter.Render(list.RootElement.EnumerateArray().Select(n => (object)NetworkRows.Create(n, truncate: true)), NetworkRows.Header());
        Assert.Equal("NETWORK ID     NAME      DRIVER    SCOPE\n0123456789ab   bridge    bridge    local\n", text);
    }

    [Fact]
    public void Created_keeps_the_fraction_as_go_prints_it()
        => Assert.StartsWith("2026-12-01 21:37:17.92664 +0000", NetworkRows.CreatedAt("2026-12-01T21:37:17.926640000Z"));

    [Fact]
    public void Natural_order_compares_numbers_by_value()
        => Assert.Equal(["net2", "net10", "netb"], new[] { "net10", "netb", "net2" }.Order(NaturalOrder.Instance));
}
