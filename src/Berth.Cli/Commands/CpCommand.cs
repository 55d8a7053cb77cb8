using Berth.Cli.Files;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary>
/// <c>berth cp</c>: copies between a container (<c>CONTAINER:PATH</c>) and the local filesystem,
/// or a tar stream (<c>-</c>), through the archive API. As docker's: a destination directory
/// receives the source under its own name; a destination that does not exist becomes the
/// source under that name.
/// </summary>
internal sealed class CpCommand : Command
{
    private BoolFlag _archive = null!;
    private BoolFlag _follow = null!;

    public override string Name => "cp";

    public override string Usage => "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tberth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH";

    public override string Description => "Copy files/folders between a container and the local filesystem";

    public override IReadOnlyList<string> Aliases => ["container cp", "cp"];

    public override ArgumentRule Arguments => new(2, 2);

    public override void DefineFlags(FlagSet flags)
    {
        _archive = flags.Bool("archive", 'a', "Archive mode (copy all uid/gid information)");
        _follow = flags.Bool("follow-link", 'L', "Always follow symbol link in SRC_PATH");
        flags.Bool("quiet", 'q', "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var (srcContainer, srcPath) = Split(args[0]);
        var (dstContainer, dstPath) = Split(args[1]);
        if (srcContainer is not null && dstContainer is not null)
            throw new CliFailure("copying between containers is not supported");
        if (srcContainer is null && dstContainer is null)
            throw new CliFailure("must specify at least one container source");
        if (srcContainer is not null)
            await FromContainerAsync(context, srcContainer, srcPath, dstPath);
        else
            await ToContainerAsync(context, srcPath, dstContainer!, dstPath);
        return 0;
    }

    private async Task FromContainerAsync(CommandContext context, string container, string path, string destination)
    {
        if (_follow.Value)
        {
            using var stat = await context.Client.StatContainerPathAsync(container, path, context.Cancellation);
            if (stat?.RootElement.GetProperty("linkTarget").GetString() is { Length: > 0 } target)
                path = target;
        }
        await using var tar = await context.Client.GetContainerArchiveAsync(container, path, context.Cancellation);
        if (destination == "-")
        {
            context.Console.Flush();
            await tar.CopyToAsync(context.Console.StdoutStream, context.Cancellation);
            return;
        }
        // Into an existing directory under the source's name; otherwise as the destination's name.
        string? rename = Directory.Exists(destination) ? null : Path.GetFileName(destination.TrimEnd('/'));
        string root = rename is null ? destination : Path.GetDirectoryName(Path.GetFullPath(destination.TrimEnd('/')))!;
        await HostExtractor.ExtractAsync(tar, root, rename, context.Cancellation);
    }

    private async Task ToContainerAsync(CommandContext context, string source, string container, string path)
    {
        if (source == "-")
        {
            await using var stdin = context.Console.OpenStdin();
            await context.Client.PutContainerArchiveAsync(container, path, stdin, _archive.Value, context.Cancellation);
            return;
        }
        if (!File.Exists(source) && !Directory.Exists(source) && new FileInfo(source).LinkTarget is null)
            throw new CliFailure($"lstat {Path.GetFullPath(source)}: no such file or directory");
        using var stat = await context.Client.StatContainerPathAsync(container, path, context.Cancellation);
        bool intoDirectory = stat is not null && (stat.RootElement.GetProperty("mode").GetUInt32() & (1u << 31)) != 0;
        string name = intoDirectory ? Path.GetFileName(Path.GetFullPath(source).TrimEnd('/')) : Path.GetFileName(path.TrimEnd('/'));
        string target = intoDirectory ? path : ParentOf(path);
        var buffer = new MemoryStream();
        await HostArchiver.WriteAsync(source, name, _follow.Value, buffer, context.Cancellation);
        buffer.Position = 0;
        await context.Client.PutContainerArchiveAsync(container, target, buffer, _archive.Value, context.Cancellation);
    }

    private static string ParentOf(string path)
    {
        string trimmed = path.TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        return slash <= 0 ? "/" : trimmed[..slash];
    }

    /// <summary><c>CONTAINER:PATH</c> or a local path (one with a slash before any colon is local, as docker decides).</summary>
    private static (string? Container, string Path) Split(string argument)
    {
        int colon = argument.IndexOf(':');
        if (colon <= 0 || argument.StartsWith('/') || argument.StartsWith('.') || argument[..colon].Contains('/'))
            return (null, argument);
        return (argument[..colon], argument[(colon + 1)..]);
    }
}
