using Berth.Cli.Contexts;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth context ls</c>: default (the environment's endpoint) and the stored contexts, the current one starred.</summary>
internal sealed class ContextLsCommand : Command
{
    private const string DefaultTable = "table {{.Name}}{{if .Current}} *{{end}}\t{{.Description}}\t{{.DockerEndpoint}}\t{{.Error}}";
    private StringFlag _format = null!;
    private BoolFlag _quiet = null!;

    public override string Name => "ls";

    public override string Usage => "[OPTIONS]";

    public override string Description => "List contexts";

    public override IReadOnlyList<string> Aliases => ["context ls", "context list"];

    public override void DefineFlags(FlagSet flags)
    {
        _format = flags.String("format", null, FormatUsage.Table);
        _quiet = flags.Bool("quiet", 'q', "Only show context names");
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var store = ContextStore.Open();
        string current = store.Current;
        var contexts = new List<DockerContext> { new(ContextStore.Default, "Current DOCKER_HOST based configuration", DaemonEndpoint.Resolve(null, Environment.GetEnvironmentVariable).Original, false) };
        contexts.AddRange(store.List());
        string format = _quiet.Value ? "{{.Name}}" : _format.Value;
        var formatter = OutputFormatter.Create(format, DefaultTable);
        var rows = contexts.Select(c => (object)new TemplateObject("*formatter.clientContextContext")
        {
            ["Name"] = c.Name,
            ["Current"] = c.Name == current,
            ["Description"] = c.Description ?? "",
            ["DockerEndpoint"] = c.Host,
            ["Error"] = "",
        });
        var header = new TemplateObject("header") { ["Name"] = "NAME", ["Current"] = false, ["Description"] = "DESCRIPTION", ["DockerEndpoint"] = "DOCKER ENDPOINT", ["Error"] = "ERROR" };
        context.Console.Out.Write(formatter.Render(rows, header));
        return Task.FromResult(0);
    }
}
