using System.Text.Json.Nodes;
using Berth.Cli.Contexts;
using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth context inspect [NAME...]</c>: the docker CLI's JSON (Name, Metadata, Endpoints, TLSMaterial, Storage); the current one by default.</summary>
internal sealed class ContextInspectCommand : Command
{
    public override string Name => "inspect";

    public override string Usage => "[OPTIONS] [CONTEXT] [CONTEXT...]";

    public override string Description => "Display detailed information on one or more contexts";

    public override IReadOnlyList<string> Aliases => ["context inspect"];

    public override ArgumentRule Arguments => ArgumentRule.Any;

    public override void DefineFlags(FlagSet flags)
    {
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var store = ContextStore.Open();
        var names = args.Count > 0 ? args : [store.Current];
        var all = new JsonArray();
        foreach (string name in names)
        {
            if (name == ContextStore.Default)
            {
                all.Add((JsonNode)Render(new DockerContext(name, "Current DOCKER_HOST based configuration", DaemonEndpoint.Resolve(null, Environment.GetEnvironmentVariable).Original, false), [], "<IN MEMORY>", "<IN MEMORY>"));
                continue;
            }
            var found = store.Find(name) ?? throw new CliFailure($"context \"{name}\" does not exist");
            all.Add((JsonNode)Render(found, store.TlsFiles(name), store.MetaDir(name), store.TlsDir(name)));
        }
        context.Console.Out.Write(Formatting.JsonIndenter.Indent(all.ToJsonString()) + "\n");
        return Task.FromResult(0);
    }

    private static JsonObject Render(DockerContext c, IReadOnlyList<string> tls, string metaPath, string tlsPath) => new()
    {
        ["Name"] = c.Name,
        ["Metadata"] = c.Description is null ? new JsonObject() : new JsonObject { ["Description"] = c.Description },
        ["Endpoints"] = new JsonObject { ["docker"] = new JsonObject { ["Host"] = c.Host, ["SkipTLSVerify"] = c.SkipTlsVerify } },
        ["TLSMaterial"] = tls.Count == 0 ? new JsonObject() : new JsonObject { ["docker"] = new JsonArray(tls.Select(f => (JsonNode)f).ToArray()) },
        ["Storage"] = new JsonObject { ["MetadataPath"] = metaPath, ["TLSPath"] = tlsPath },
    };
}
