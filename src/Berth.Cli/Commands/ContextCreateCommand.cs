using System.Text.RegularExpressions;
using Berth.Cli.Contexts;
using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary>
/// <c>berth context create NAME [--description] [--docker host=...,ca=...,cert=...,key=...,skip-tls-verify=...]</c>:
/// stored where the docker CLI stores it; without a host, the environment's current one.
/// </summary>
internal sealed partial class ContextCreateCommand : Command
{
    private StringFlag _description = null!;
    private StringFlag _docker = null!;

    public override string Name => "create";

    public override string Usage => "[OPTIONS] CONTEXT";

    public override string Description => "Create a context";

    public override IReadOnlyList<string> Aliases => ["context create"];

    public override ArgumentRule Arguments => ArgumentRule.ExactlyOne;

    public override void DefineFlags(FlagSet flags)
    {
        _description = flags.String("description", null, "Description of the context");
        _docker = flags.String("docker", null, "set the docker endpoint", typeName: "stringToString");
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$")]
    private static partial Regex ValidName();

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        string name = args[0];
        if (name == ContextStore.Default)
            throw new CliFailure($"\"{name}\" is a reserved context name");
        if (!ValidName().IsMatch(name))
            throw new CliFailure($"context name \"{name}\" is invalid, names are validated against regexp \"^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$\"");
        var store = ContextStore.Open();
        if (store.Find(name) is not null)
            throw new CliFailure($"context \"{name}\" already exists");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in _docker.Value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0)
                throw new CliFailure($"invalid argument \"{_docker.Value}\" for \"--docker\" flag: {pair} must be formatted as key=value");
            string key = pair[..eq].Trim();
            if (key is not ("host" or "ca" or "cert" or "key" or "skip-tls-verify" or "from"))
                throw new CliFailure($"unable to create docker endpoint config: unrecognized config key: {key}");
            fields[key] = pair[(eq + 1)..].Trim();
        }
        string host = fields.TryGetValue("host", out var h) && h.Length > 0 ? h
            : DaemonEndpoint.Resolve(null, Environment.GetEnvironmentVariable).Original;
        try
        {
            DaemonEndpoint.Parse(host);
        }
        catch (FormatException ex)
        {
            throw new CliFailure("unable to create docker endpoint config: " + ex.Message);
        }
        bool skip = fields.TryGetValue("skip-tls-verify", out var s) && s is "true" or "1";
        store.Create(new DockerContext(name, _description.Changed ? _description.Value : null, host, skip),
            fields.GetValueOrDefault("ca"), fields.GetValueOrDefault("cert"), fields.GetValueOrDefault("key"));
        context.Console.Out.Write(name + "\n");
        context.Console.Error.Write($"Successfully created context \"{name}\"\n");
        return Task.FromResult(0);
    }
}
