using System.Globalization;
using System.Text;
using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth info</c>: docker's Client/Server report from <c>GET /info</c>.</summary>
internal sealed class InfoCommand : Command
{
    private StringFlag _format = null!;

    public override string Name => "info";

    public override string Usage => "[OPTIONS]";

    public override string Description => "Display system-wide information";

    public override IReadOnlyList<string> Aliases => ["system info", "info"];

    public override void DefineFlags(FlagSet flags) => _format = flags.String("format", 'f', FormatUsage.Inspect);

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (_format.Value.Length > 0)
        {
            using var document = await context.Client.InfoAsync(context.Cancellation);
            var template = _format.Value == "json" ? "{{json .}}" : _format.Value;
            try
            {
                context.Console.Out.Write(GoTemplate.Parse(template).Execute(document.RootElement) + "\n");
            }
            catch (TemplateException ex)
            {
                throw new CliFailure("template: " + ex.Message);
            }

            return 0;
        }

        var text = new StringBuilder("Client:\n");
        text.Append(" Version:    ").Append(CliApplication.Version).Append("\n Context:    default\n Debug Mode: false\n\nServer:\n");
        JsonDocument info;
        try
        {
            info = await context.Client.InfoAsync(context.Cancellation);
        }
        catch (Exception ex) when (ex is DaemonUnreachableException or EngineApiException)
        {
            context.Console.Out.Write(text.ToString());
            throw;
        }

        using (info)
        {
            AppendServer(text, info.RootElement);
            context.Console.Out.Write(text.Append('\n').ToString());
            if (info.RootElement.TryGetProperty("Warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array)
            {
                foreach (var warning in warnings.EnumerateArray())
                {
                    context.Console.Error.Write(warning.GetString() + "\n");
                }
            }
        }

        return 0;
    }

    private static void AppendServer(StringBuilder text, JsonElement i)
    {
        string S(string name) => i.TryGetProperty(name, out var v) ? GoValues.Print(v) : string.Empty;
        text.Append($" Containers: {S("Containers")}\n  Running: {S("ContainersRunning")}\n  Paused: {S("ContainersPaused")}\n  Stopped: {S("ContainersStopped")}\n");
        text.Append($" Images: {S("Images")}\n Server Version: {S("ServerVersion")}\n Storage Driver: {S("Driver")}\n");
        AppendPairs(text, i, "DriverStatus", "  ");
        text.Append($" Logging Driver: {S("LoggingDriver")}\n Cgroup Driver: {S("CgroupDriver")}\n Cgroup Version: {S("CgroupVersion")}\n Plugins:\n");
        if (i.TryGetProperty("Plugins", out var plugins) && plugins.ValueKind == JsonValueKind.Object)
        {
            foreach (var (key, label) in new[] { ("Volume", "Volume"), ("Network", "Network"), ("Authorization", "Authorization"), ("Log", "Log") })
            {
                if (plugins.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Array && (key != "Authorization" || list.GetArrayLength() > 0))
                {
                    text.Append($"  {label}: {string.Join(' ', list.EnumerateArray().Select(x => x.GetString()))}\n");
                }
            }
        }

        var swarm = i.TryGetProperty("Swarm", out var sw) && sw.TryGetProperty("LocalNodeState", out var state) ? state.GetString() : "inactive";
        text.Append($" Swarm: {swarm}\n");
        var runtimes = i.TryGetProperty("Runtimes", out var r) && r.ValueKind == JsonValueKind.Object
            ? string.Join(' ', r.EnumerateObject().Select(x => x.Name).Order(StringComparer.Ordinal)) : string.Empty;
        text.Append($" Runtimes: {runtimes}\n Default Runtime: {S("DefaultRuntime")}\n Init Binary: {S("InitBinary")}\n");
        text.Append($" containerd version: {CommitId(i, "ContainerdCommit")}\n runc version: {CommitId(i, "RuncCommit")}\n init version: {CommitId(i, "InitCommit")}\n");
        if (i.TryGetProperty("SecurityOptions", out var security) && security.ValueKind == JsonValueKind.Array && security.GetArrayLength() > 0)
        {
            text.Append(" Security Options:\n");
            foreach (var option in security.EnumerateArray().Select(x => x.GetString() ?? string.Empty))
            {
                var fields = option.Split(',');
                text.Append("  ").Append(fields[0].StartsWith("name=", StringComparison.Ordinal) ? fields[0][5..] : fields[0]).Append('\n');
                foreach (var field in fields.Skip(1).Select(f => f.Split('=', 2)).Where(f => f.Length == 2))
                {
                    text.Append("   ").Append(char.ToUpperInvariant(field[0][0])).Append(field[0][1..]).Append(": ").Append(field[1]).Append('\n');
                }
            }
        }

        var memory = i.TryGetProperty("MemTotal", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0;
        text.Append($" Kernel Version: {S("KernelVersion")}\n Operating System: {S("OperatingSystem")}\n OSType: {S("OSType")}\n Architecture: {S("Architecture")}\n");
        text.Append($" CPUs: {S("NCPU")}\n Total Memory: {BinarySize(memory)}\n Name: {S("Name")}\n ID: {S("ID")}\n Docker Root Dir: {S("DockerRootDir")}\n Debug Mode: {S("Debug")}\n");
        text.Append($" Experimental: {S("ExperimentalBuild")}\n");
        if (i.TryGetProperty("RegistryConfig", out var registry) && registry.ValueKind == JsonValueKind.Object)
        {
            var insecure = new List<string>();
            if (registry.TryGetProperty("IndexConfigs", out var indexes) && indexes.ValueKind == JsonValueKind.Object)
            {
                insecure.AddRange(indexes.EnumerateObject().Where(x => x.Value.TryGetProperty("Secure", out var secure) && secure.ValueKind == JsonValueKind.False).Select(x => x.Name));
            }

            if (registry.TryGetProperty("InsecureRegistryCIDRs", out var cidrs) && cidrs.ValueKind == JsonValueKind.Array)
            {
                insecure.AddRange(cidrs.EnumerateArray().Select(x => x.GetString() ?? string.Empty));
            }

            if (insecure.Count > 0)
            {
                text.Append(" Insecure Registries:\n").AppendJoin(string.Empty, insecure.Select(x => "  " + x + "\n"));
            }
        }

        text.Append($" Live Restore Enabled: {S("LiveRestoreEnabled")}\n");
    }

    private static void AppendPairs(StringBuilder text, JsonElement i, string name, string indent)
    {
        if (i.TryGetProperty(name, out var pairs) && pairs.ValueKind == JsonValueKind.Array)
        {
            foreach (var pair in pairs.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Array && p.GetArrayLength() == 2))
            {
                text.Append(indent).Append(pair[0].GetString()).Append(": ").Append(pair[1].GetString()).Append('\n');
            }
        }
    }

    private static string CommitId(JsonElement i, string name)
        => i.TryGetProperty(name, out var commit) && commit.TryGetProperty("ID", out var id) ? id.GetString() ?? string.Empty : string.Empty;

    /// <summary>go-units <c>BytesSize</c>: "%.4g" with binary units.</summary>
    private static string BinarySize(double size)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
        var unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return Units.FormatG(size, 4) + units[unit];
    }
}
