using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Core.Images;

namespace Berth.Cli.Commands;

/// <summary><c>berth push</c>: renders the daemon's progress stream.</summary>
internal sealed class PushCommand : Command
{
    private BoolFlag _allTags = null!;
    private BoolFlag _quiet = null!;

    public override string Name => "push";

    public override string Usage => "[OPTIONS] NAME[:TAG]";

    public override string Description => "Upload an image to a registry";

    public override IReadOnlyList<string> Aliases => ["image push", "push"];

    public override ArgumentRule Arguments => ArgumentRule.ExactlyOne;

    public override void DefineFlags(FlagSet flags)
    {
        _allTags = flags.Bool("all-tags", 'a', "Push all tags of an image to the repository");
        flags.Bool("disable-content-trust", null, "Skip image signing", true);
        flags.Add(new StringFlag("platform", null, "Push a platform-specific manifest as a single-platform image to the registry.\nImage index won't be pushed, meaning that other manifests, including attestations won't be preserved.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)") { Hidden = true });
        _quiet = flags.Bool("quiet", 'q', "Suppress verbose output");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (!ImageReference.TryParseNamed(args[0], out var reference))
        {
            throw new CliFailure(PullCommand.ImageReferenceError(args[0]));
        }

        if (_allTags.Value && reference.Tag is not null)
        {
            throw new CliFailure("tag can't be used with --all-tags/-a");
        }

        if (!_allTags.Value && reference.Tag is null)
        {
            reference = ImageReference.WithDefaultTag(reference);
            if (!_quiet.Value)
            {
                context.Console.Out.Write($"Using default tag: {reference.Tag}\n");
            }
        }

        await using (var stream = await context.Client.PushAsync(reference.FamiliarName, reference.Tag, context.Cancellation,
            Registry.DockerConfigFile.Load().RegistryAuthFor(reference)))
        {
            var output = _quiet.Value ? TextWriter.Null : context.Console.Out;
            await new JsonMessageRenderer(output, context.Console.IsStdoutTerminal).RenderAsync(stream, context.Cancellation);
        }

        if (_quiet.Value)
        {
            context.Console.Out.Write(reference.FamiliarString + "\n");
        }

        return 0;
    }
}
