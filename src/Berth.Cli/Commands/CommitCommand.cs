using Berth.Cli.Flags;
using Berth.Client;
using Berth.Core.Images;

namespace Berth.Cli.Commands;

/// <summary><c>berth commit</c>: a new image from a container's changes; prints its ID.</summary>
internal sealed class CommitCommand : Command
{
    private StringFlag _author = null!;
    private ListFlag _change = null!;
    private StringFlag _message = null!;
    private BoolFlag _pause = null!;

    public override string Name => "commit";

    public override string Usage => "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]";

    public override string Description => "Create a new image from a container's changes";

    public override IReadOnlyList<string> Aliases => ["container commit", "commit"];

    public override ArgumentRule Arguments => new(1, 2);

    public override bool Interspersed => false;

    public override void DefineFlags(FlagSet flags)
    {
        _author = flags.String("author", 'a', "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")");
        _change = flags.List("change", 'c', "Apply Dockerfile instruction to the created image");
        _message = flags.String("message", 'm', "Commit message");
        _pause = flags.Bool("pause", 'p', "Pause container during commit", defaultValue: true);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        string? repository = null, tag = null;
        if (args.Count > 1)
        {
            if (!ImageReference.TryParseNamed(args[1], out var reference))
            {
                throw new CliFailure(PullCommand.ImageReferenceError(args[1]));
            }

            if (reference.Digest is not null)
            {
                throw new CliFailure("refusing to create a tag with a digest reference");
            }

            repository = reference.FamiliarName;
            tag = reference.Tag;
        }

        var options = new CommitOptions(repository, tag, NullIfEmpty(_message.Value), NullIfEmpty(_author.Value), _change.Values, _pause.Value);
        context.Console.Out.Write(await context.Client.CommitAsync(args[0], options, context.Cancellation) + "\n");
        return 0;
    }

    private static string? NullIfEmpty(string value) => value.Length > 0 ? value : null;
}
