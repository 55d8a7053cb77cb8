using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth export</c>: a container's filesystem as a tar, to <c>-o FILE</c> or a non-terminal stdout.</summary>
internal sealed class ExportCommand : Command
{
    private StringFlag _output = null!;

    public override string Name => "export";

    public override string Usage => "[OPTIONS] CONTAINER";

    public override string Description => "Export a container's filesystem as a tar archive";

    public override IReadOnlyList<string> Aliases => ["container export", "export"];

    public override ArgumentRule Arguments => new(1, 1);

    public override void DefineFlags(FlagSet flags)
    {
        _output = flags.String("output", 'o', "Write to a file, instead of STDOUT");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        string path = _output.Value;
        if (path.Length == 0 && context.Console.IsStdoutTerminal)
            throw new CliFailure("cowardly refusing to save to a terminal. Use the -o flag or redirect");

        await using var archive = await context.Client.ExportContainerAsync(args[0], context.Cancellation);
        if (path.Length == 0)
        {
            context.Console.Flush();
            await archive.CopyToAsync(context.Console.StdoutStream, context.Cancellation);
            return 0;
        }
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await archive.CopyToAsync(file, context.Cancellation);
        return 0;
    }
}
