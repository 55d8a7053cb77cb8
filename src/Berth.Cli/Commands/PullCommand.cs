using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Cli.Commands;

/// <summary><c>berth pull</c>: renders the daemon's progress stream, then prints the full reference.</summary>
internal sealed class PullCommand : Command
{
    private BoolFlag _allTags = null!;
    private StringFlag _platform = null!;
    private BoolFlag _quiet = null!;

    public override string Name => "pull";

    public override string Usage => "[OPTIONS] NAME[:TAG|@DIGEST]";

    public override string Description => "Download an image from a registry";

    public override IReadOnlyList<string> Aliases => ["image pull", "pull"];

    public override ArgumentRule Arguments => ArgumentRule.ExactlyOne;

    public override void DefineFlags(FlagSet flags)
    {
        _allTags = flags.Bool("all-tags", 'a', "Download all tagged images in the repository");
        flags.Bool("disable-content-trust", null, "Skip image verification", true);
        _platform = flags.String("platform", null, "Set platform if server is multi-platform capable");
        _quiet = flags.Bool("quiet", 'q', "Suppress verbose output");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (!ImageReference.TryParseNamed(args[0], out var reference))
        {
            throw new CliFailure(ImageReferenceError(args[0]));
        }

        if (_allTags.Value && (reference.Tag is not null || reference.Digest is not null))
        {
            throw new CliFailure("tag can't be used with --all-tags/-a");
        }

        if (!_allTags.Value)
        {
            reference = ImageReference.WithDefaultTag(reference);
            if (!_quiet.Value && reference.Tag is not null && args[0] == reference.FamiliarName)
            {
                context.Console.Out.Write($"Using default tag: {reference.Tag}\n");
            }
        }

        var platform = _platform.Value.Length > 0 ? _platform.Value : null;
        await using (var stream = await context.Client.PullAsync(reference.FullName, reference.Digest ?? reference.Tag, platform, context.Cancellation,
            Registry.DockerConfigFile.Load().RegistryAuthFor(reference)))
        {
            var output = _quiet.Value ? TextWriter.Null : context.Console.Out;
            await new JsonMessageRenderer(output, context.Console.IsStdoutTerminal).RenderAsync(stream, context.Cancellation);
        }

        context.Console.Out.Write((_allTags.Value ? reference.FullName : reference.Domain + "/" + reference.Path + (reference.Digest is null ? ":" + reference.Tag : "@" + reference.Digest)) + "\n");
        return 0;
    }

    internal static string ImageReferenceError(string text)
    {
        try
        {
            ImageReference.Parse(text);
            return "invalid reference format";
        }
        catch (BerthException ex)
        {
            return ex.Message;
        }
    }
}
