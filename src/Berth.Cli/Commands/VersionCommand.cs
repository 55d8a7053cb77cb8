using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth version</c>: the Client and Server sections of <c>docker version</c>.</summary>
internal sealed class VersionCommand : Command
{
    private StringFlag _format = null!;

    public override string Name => "version";

    public override string Usage => "[OPTIONS]";

    public override string Description => "Show the Berth version information";

    public override void DefineFlags(FlagSet flags)
    {
        _format = flags.String("format", 'f', "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        JsonDocument? server = null;
        Exception? serverError = null;
        try
        {
            server = await context.Client.VersionAsync(context.Cancellation);
        }
        catch (Exception ex) when (ex is EngineApiException or DaemonUnreachableException)
        {
            serverError = ex;
        }

        var client = ClientObject(context.Client.NegotiatedVersion ?? ApiVersion.ClientDefault);
        if (_format.Value.Length > 0)
        {
            var data = new TemplateObject("types.VersionResponse") { ["Client"] = client, ["Server"] = server?.RootElement };
            var template = _format.Value == "json" ? "{{json .}}" : _format.Value;
            context.Console.Out.Write(GoTemplate.Parse(template).Execute(data) + "\n");
        }
        else
        {
            context.Console.Out.Write(new TabWriter(minWidth: 20, padding: 1).Format(Render(client, server?.RootElement)));
        }

        if (serverError is not null)
        {
            throw serverError;
        }

        return 0;
    }

    private static TemplateObject ClientObject(string apiVersion) => new("*version.ClientInfo")
    {
        ["Platform"] = new TemplateObject("struct") { ["Name"] = string.Empty },
        ["Version"] = CliApplication.Version,
        ["ApiVersion"] = apiVersion,
        ["DefaultAPIVersion"] = ApiVersion.ClientDefault,
        ["GitCommit"] = "berth",
        ["GoVersion"] = "dotnet" + Environment.Version,
        ["Os"] = "linux",
        ["Arch"] = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64",
        ["BuildTime"] = AnsiDate.Format(File.GetLastWriteTimeUtc(Environment.ProcessPath ?? AppContext.BaseDirectory)),
        ["Context"] = "default",
    };

    private static string Render(TemplateObject client, JsonElement? server)
    {
        string Get(string name) => client.TryGet(name, out var v) ? GoValues.Print(v) : string.Empty;
        var text = new StringBuilder("Client:\n");
        var downgraded = Get("ApiVersion") != Get("DefaultAPIVersion") ? $" (downgraded from {Get("DefaultAPIVersion")})" : string.Empty;
        text.Append($" Version:\t{Get("Version")}\n API version:\t{Get("ApiVersion")}{downgraded}\n Go version:\t{Get("GoVersion")}\n")
            .Append($" Git commit:\t{Get("GitCommit")}\n Built:\t{Get("BuildTime")}\n OS/Arch:\t{Get("Os")}/{Get("Arch")}\n Context:\t{Get("Context")}\n");
        if (server is not { } s)
        {
            return text.ToString();
        }

        var platform = s.TryGetProperty("Platform", out var p) && p.TryGetProperty("Name", out var pn) ? pn.GetString() : string.Empty;
        text.Append("\nServer:").Append(string.IsNullOrEmpty(platform) ? string.Empty : " " + platform).Append('\n');
        if (s.TryGetProperty("Components", out var components) && components.ValueKind == JsonValueKind.Array)
        {
            foreach (var component in components.EnumerateArray())
            {
                AppendComponent(text, component);
            }
        }

        return text.ToString();
    }

    private static void AppendComponent(StringBuilder text, JsonElement component)
    {
        var name = Str(component, "Name");
        var details = component.TryGetProperty("Details", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        string Detail(string key) => details.ValueKind == JsonValueKind.Object && details.TryGetProperty(key, out var v)
            ? key == "BuildTime" ? AnsiDate.Reformat(GoValues.Print(v)) : GoValues.Print(v)
            : "<no value>";
        text.Append(' ').Append(name).Append(":\n");
        text.Append("  Version:\t").Append(Str(component, "Version")).Append('\n');
        if (name == "Engine")
        {
            text.Append($"  API version:\t{Detail("ApiVersion")} (minimum version {Detail("MinAPIVersion")})\n  Go version:\t{Detail("GoVersion")}\n")
                .Append($"  Git commit:\t{Detail("GitCommit")}\n  Built:\t{Detail("BuildTime")}\n  OS/Arch:\t{Detail("Os")}/{Detail("Arch")}\n")
                .Append($"  Experimental:\t{Detail("Experimental")}\n");
            return;
        }

        if (details.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in details.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(key).Append(":\t").Append(Detail(key)).Append('\n');
            }
        }
    }

    private static string Str(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) ? GoValues.Print(value) : string.Empty;
}
