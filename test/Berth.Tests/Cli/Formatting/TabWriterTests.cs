using Berth.Cli.Formatting;

namespace Berth.Tests.Cli.Formatting;

public sealed class TabWriterTests
{
    [Fact]
    public void PadsColumnsButNotTheLastCell()
    {
        var text = "CONTAINER ID\tIMAGE\tNAMES\nabc\tbusybox\tweb\n";
        var expected = "CONTAINER ID   IMAGE     NAMES\nabc            busybox   web\n";
        Assert.Equal(expected, new TabWriter(10, 3).Format(text));
    }

    [Fact]
    public void LinesWithoutTabsBreakColumnBlocks()
    {
        var text = " Version:\t1\nServer:\n  API version:\t1.44\n";
        var expected = " Version:" + new string(' ', 11) + "1\nServer:\n  API version:" + new string(' ', 6) + "1.44\n";
        Assert.Equal(expected, new TabWriter(20, 1).Format(text));
    }

    [Fact]
    public void WidestCellPlusPaddingWins()
    {
        Assert.Equal("a-very-long-cell   x\nb                  y", new TabWriter(10, 3).Format("a-very-long-cell\tx\nb\ty"));
    }
}
