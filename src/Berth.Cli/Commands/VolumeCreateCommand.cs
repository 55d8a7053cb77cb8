using System.Text.Json;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth volume create [NAME]</c>: prints the volume's name (generated when none is given).</summary>
internal sealed class VolumeCreateCommand : Command
{
    private StringFlag _driver = null!;
    private ListFlag _label = null!;
    private MapFlag _opt = null!;
    private StringFlag _name = null!;

    public override string Name => "create";

    public override string Usage => "[OPTIONS] [VOLUME]";

    public override string Description => "Create a volume";

    public override IReadOnlyList<string> Aliases => ["volume create"];

    public override ArgumentRule Arguments => new(0, 1);

    public override void DefineFlags(FlagSet flags)
    {
        _driver = flags.String("driver", 'd', "Specify volume driver name", "local");
        _label = flags.List("label", null, "Set metadata for a volume");
        _opt = flags.Add(new MapFlag("opt", 'o', "Set driver specific options"));
        _name = flags.Add(new StringFlag("name", null, "Specify volume name") { Hidden = true });
    }

    /// <summary>The VolumeCreateRequest body, as docker 28 sends it.</summary>
    internal byte[] BuildRequest(string name)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Driver", _driver.Value);
            w.WriteStartObject("DriverOpts");
            foreach (var (key, value) in _opt.Values)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteStartObject("Labels");
            foreach (var label in _label.Values)
            {
                var kv = label.Split('=', 2);
                w.WriteString(kv[0], kv.Length > 1 ? kv[1] : string.Empty);
            }

            w.WriteEndObject();
            w.WriteString("Name", name);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (args.Count == 1 && _name.Value.Length > 0 && _name.Value != args[0])
        {
            throw new CliFailure($"conflicting options: cannot specify a volume-name through both --name and as a positional arg");
        }

        var name = args.Count == 1 ? args[0] : _name.Value;
        using var volume = await context.Client.CreateVolumeAsync(BuildRequest(name), context.Cancellation);
        context.Console.Out.Write(volume.RootElement.GetProperty("Name").GetString() + "\n");
        return 0;
    }
}
