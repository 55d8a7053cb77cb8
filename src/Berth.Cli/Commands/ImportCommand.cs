using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;
using Berth.Core.Images;

namespace Berth.Cli.Commands;

/// <summary><c>berth import</c>: a tarball from a file, stdin (<c>-</c>) or a URL the daemon fetches.</summary>
internal sealed class ImportCommand : Command
{
    private ListFlag _change = null!;
    private StringFlag _message = null!;
    private StringFlag _platform = null!;

    public override string Name => "import";

    public override string Usage => "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]";

    public override string Description => "Import the contents from a tarball to create a filesystem image";

    public override IReadOnlyList<string> Aliases => ["image import", "import"];

    public override ArgumentRule Arguments => new(1, 2);

    public override void DefineFlags(FlagSet flags)
    {
        _change = flags.List("change", 'c', "Apply Dockerfile instruction to the created image");
        _message = flags.String("message", 'm', "Set commit message for imported image");
        _platform = flags.String("platform", null, "Set platform if server is multi-platform capable");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var source = args[0];
        var repository = args.Count > 1 ? args[1] : null;
        if (repository is not null && !ImageReference.TryParseNamed(repository, out _))
        {
            throw new CliFailure(PullCommand.ImageReferenceError(repository));
        }

        var isUrl = source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        Stream? body = null;
        try
        {
            if (source == "-")
            {
                body = context.Console.OpenStdin();
            }
            else if (!isUrl)
            {
                body = OpenFile(source);
            }

            var options = new ImportOptions(
                isUrl ? source : null,
                repository,
                null,
                _message.Value.Length > 0 ? _message.Value : null,
                _change.Values,
                _platform.Value.Length > 0 ? _platform.Value.ToLowerInvariant() : null);
            await using var stream = await context.Client.ImportAsync(body, options, context.Cancellation);
            await new JsonMessageRenderer(context.Console.Out, context.Console.IsStdoutTerminal).RenderAsync(stream, context.Cancellation);
            return 0;
        }
        finally
        {
            body?.Dispose();
        }
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            throw new CliFailure($"open {path}: no such file or directory");
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliFailure($"open {path}: no such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliFailure($"open {path}: permission denied");
        }
    }
}
