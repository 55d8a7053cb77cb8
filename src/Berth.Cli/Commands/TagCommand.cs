using Berth.Cli.Flags;
using Berth.Core.Images;

namespace Berth.Cli.Commands;

/// <summary><c>berth tag</c>: sends the normalized target name (<c>docker.io/library/x</c>) and tag like docker.</summary>
internal sealed class TagCommand : Command
{
    public override string Name => "tag";

    public override string Usage => "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]";

    public override string Description => "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE";

    public override IReadOnlyList<string> Aliases => ["image tag", "tag"];

    public override ArgumentRule Arguments => ArgumentRule.Exactly(2);

    public override void DefineFlags(FlagSet flags)
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (!ImageReference.TryParseNamed(args[1], out var target))
        {
            throw new CliFailure($"Error parsing reference: \"{args[1]}\" is not a valid repository/tag: {PullCommand.ImageReferenceError(args[1])}");
        }

        if (target.Digest is not null)
        {
            throw new CliFailure("refusing to create a tag with a digest reference");
        }

        target = ImageReference.WithDefaultTag(target);
        await context.Client.TagImageAsync(args[0], target.FullName, target.Tag, context.Cancellation);
        return 0;
    }
}
