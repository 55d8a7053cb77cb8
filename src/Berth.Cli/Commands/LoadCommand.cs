using Berth.Cli.Flags;
using Berth.Cli.Formatting;

namespace Berth.Cli.Commands;

/// <summary><c>berth load</c>: sends a docker-archive or OCI layout tarball from a file or stdin.</summary>
internal sealed class LoadCommand : Command
{
    private StringFlag _input = null!;
    private BoolFlag _quiet = null!;

    public override string Name => "load";

    public override string Usage => "[OPTIONS]";

    public override string Description => "Load an image from a tar archive or STDIN";

    public override IReadOnlyList<string> Aliases => ["image load", "load"];

    public override void DefineFlags(FlagSet flags)
    {
        _input = flags.String("input", 'i', "Read from tar archive file, instead of STDIN");
        flags.Add(new ListFlag("platform", null, "Load only the given platform(s). Formatted as a comma-separated list of \"os[/arch[/variant]]\" (e.g., \"linux/amd64,linux/arm64/v8\").", "stringSlice") { Hidden = true });
        _quiet = flags.Bool("quiet", 'q', "Suppress the load output");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        Stream input;
        if (_input.Value.Length > 0)
        {
            try
            {
                input = new FileStream(_input.Value, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new CliFailure($"open {_input.Value}: no such file or directory");
            }
        }
        else if (context.Console.IsStdinTerminal)
        {
            throw new CliFailure("requested load from stdin, but stdin is empty");
        }
        else
        {
            input = context.Console.OpenStdin();
        }

        await using (input)
        {
            // docker asks the daemon for quiet output whenever stdout is not a terminal.
            var quiet = _quiet.Value || !context.Console.IsStdoutTerminal;
            await using var stream = await context.Client.LoadAsync(input, quiet, context.Cancellation);
            await new JsonMessageRenderer(context.Console.Out, context.Console.IsStdoutTerminal).RenderAsync(stream, context.Cancellation);
        }

        return 0;
    }
}
