using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth save</c>: streams the archive to <c>-o FILE</c> (written atomically) or to a non-terminal stdout.</summary>
internal sealed class SaveCommand : Command
{
    private StringFlag _output = null!;

    public override string Name => "save";

    public override string Usage => "[OPTIONS] IMAGE [IMAGE...]";

    public override string Description => "Save one or more images to a tar archive (streamed to STDOUT by default)";

    public override IReadOnlyList<string> Aliases => ["image save", "save"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
        _output = flags.String("output", 'o', "Write to a file, instead of STDOUT");
        flags.Add(new ListFlag("platform", null, "Save only the given platform(s). Formatted as a comma-separated list of \"os[/arch[/variant]]\" (e.g., \"linux/amd64,linux/arm64/v8\")", "stringSlice") { Hidden = true });
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var path = _output.Value;
        if (path.Length == 0 && context.Console.IsStdoutTerminal)
        {
            throw new CliFailure("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }

        if (path.Length > 0 && Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory && !Directory.Exists(directory))
        {
            throw new CliFailure($"failed to save image: invalid output path: directory \"{directory}\" does not exist");
        }

        await using var archive = await context.Client.SaveAsync(args, context.Cancellation);
        if (path.Length == 0)
        {
            context.Console.Flush();
            await archive.CopyToAsync(context.Console.StdoutStream, context.Cancellation);
            return 0;
        }

        // Like docker's atomic writer: a partial archive never appears under the final name.
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await archive.CopyToAsync(file, context.Cancellation);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return 0;
    }
}
