using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth inspect</c>: any object type, tried in docker's order unless <c>--type</c> is given.</summary>
internal sealed class InspectCommand : Command
{
    private static readonly string[] s_knownTypes = ["config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"];
    private StringFlag _format = null!;
    private BoolFlag _size = null!;
    private StringFlag _type = null!;

    public override string Name => "inspect";

    public override string Usage => "[OPTIONS] NAME|ID [NAME|ID...]";

    public override string Description => "Return low-level information on Docker objects";

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
        _format = flags.String("format", 'f', FormatUsage.Inspect);
        _size = flags.Bool("size", 's', "Display total file sizes if the type is container");
        _type = flags.String("type", null, "Only inspect objects of the given type");
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var type = _type.Value;
        if (type.Length > 0 && !s_knownTypes.Contains(type))
        {
            throw new CliFailure($"unknown type: \"{type}\": must be one of {string.Join(", ", s_knownTypes.Select(t => $"\"{t}\""))}");
        }

        var client = context.Client;
        return InspectPrinter.RunAsync(context, args, _format.Value, async (reference, ct) => type switch
        {
            "container" => await client.InspectContainerAsync(reference, _size.Value, ct),
            "image" => await client.InspectImageAsync(reference, ct),
            "network" => await client.InspectNetworkAsync(reference, ct),
            "volume" => await client.InspectVolumeAsync(reference, ct),
            "" => await FindAnyAsync(client, reference, ct),
            _ => throw new EngineApiException(System.Net.HttpStatusCode.NotFound, $"Error: No such {type}: {reference}"),
        });
    }

    private async Task<System.Text.Json.JsonDocument> FindAnyAsync(EngineClient client, string reference, CancellationToken ct)
    {
        Func<Task<System.Text.Json.JsonDocument>>[] attempts =
        [
            () => client.InspectContainerAsync(reference, _size.Value, ct),
            () => client.InspectImageAsync(reference, ct),
            () => client.InspectNetworkAsync(reference, ct),
            () => client.InspectVolumeAsync(reference, ct),
        ];
        foreach (var attempt in attempts)
        {
            try
            {
                return await attempt();
            }
            catch (EngineApiException ex) when (ex.IsNotFound)
            {
                // Not this kind of object: try the next one.
            }
        }

        throw new EngineApiException(System.Net.HttpStatusCode.NotFound, $"Error: No such object: {reference}");
    }
}
