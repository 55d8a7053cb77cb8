using Berth.Cli.Commands;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;

namespace Berth.Tests.Cli.Formatting;

public sealed class OutputFormatterTests
{
    private static TemplateObject Row(string id, string names) => new("*formatter.ContainerContext") { ["ID"] = id, ["Names"] = names };

    private static TemplateObject Header() => new("header") { ["ID"] = "CONTAINER ID", ["Names"] = "NAMES" };

    [Fact]
    public void TableAddsHeaderAndAligns()
    {
        var formatter = OutputFormatter.Create("table {{.ID}}\\t{{.Names}}", "unused");
        Assert.Equal("CONTAINER ID   NAMES\nabc            web\n", formatter.Render([Row("abc", "web")], Header()));
    }

    [Fact]
    public void RawTemplateHasNoHeader()
    {
        var formatter = OutputFormatter.Create("{{.Names}}", "unused");
        Assert.Equal("web\ndb\n", formatter.Render([Row("1", "web"), Row("2", "db")], Header()));
    }

    [Fact]
    public void JsonKeyword() => Assert.Equal("{\"ID\":\"1\",\"Names\":\"web\"}\n", OutputFormatter.Create("json", "unused").Render([Row("1", "web")], Header()));

    [Fact]
    public void EmptyTableStillPrintsHeader()
        => Assert.Equal("CONTAINER ID   NAMES\n", OutputFormatter.Create("", "table {{.ID}}\t{{.Names}}").Render([], Header()));

    [Fact]
    public void ParseErrorsUseDockersWording()
        => Assert.Equal("failed to parse template: template: :1: unclosed action", Assert.Throws<CliFailure>(() => OutputFormatter.Create("{{.ID", "x")).Message);
}
