using System.Formats.Tar;
using System.Text;
using Berth.Cli.Files;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;
using Berth.Core.Build;
using Berth.Core.Images;

namespace Berth.Cli.Commands;

/// <summary>
/// <c>berth build</c>, as docker's classic (non-BuildKit) build: the context is a directory
/// (packed as a tar without what <c>.dockerignore</c> excludes), <c>-</c> (a tar or a Dockerfile
/// on stdin) or an http(s) URL the daemon fetches; the daemon's messages are rendered as docker
/// renders them; <c>-q</c> prints only the image ID, <c>--iidfile</c> writes it.
/// </summary>
internal sealed class BuildCommand : Command
{
    private ListFlag _tags = null!;
    private StringFlag _file = null!;
    private ListFlag _buildArgs = null!;
    private ListFlag _cacheFrom = null!;
    private StringFlag _target = null!;
    private ListFlag _labels = null!;
    private BoolFlag _noCache = null!;
    private BoolFlag _pull = null!;
    private StringFlag _network = null!;
    private ListFlag _addHosts = null!;
    private StringFlag _iidFile = null!;
    private BoolFlag _quiet = null!;
    private BoolFlag _forceRm = null!;

    public override string Name => "build";

    public override string Usage => "[OPTIONS] PATH | URL | -";

    public override string Description => "Build an image from a Dockerfile";

    public override IReadOnlyList<string> Aliases => ["image build", "build", "builder build"];

    public override ArgumentRule Arguments => new(1, 1);

    public override void DefineFlags(FlagSet flags)
    {
        _addHosts = flags.List("add-host", null, "Add a custom host-to-IP mapping (\"host:ip\")");
        _buildArgs = flags.List("build-arg", null, "Set build-time variables");
        _cacheFrom = flags.List("cache-from", null, "Images to consider as cache sources");
        _file = flags.String("file", 'f', "Name of the Dockerfile (Default is \"PATH/Dockerfile\")");
        _forceRm = flags.Bool("force-rm", null, "Always remove intermediate containers");
        _iidFile = flags.String("iidfile", null, "Write the image ID to the file");
        _labels = flags.List("label", null, "Set metadata for an image");
        _network = flags.String("network", null, "Set the networking mode for the RUN instructions during build", "default");
        _noCache = flags.Bool("no-cache", null, "Do not use cache when building the image");
        _pull = flags.Bool("pull", null, "Always attempt to pull a newer version of the image");
        _quiet = flags.Bool("quiet", 'q', "Suppress the build output and print image ID on success");
        flags.Bool("rm", null, "Remove intermediate containers after a successful build", true);
        _tags = flags.List("tag", 't', "Name and optionally a tag in the \"name:tag\" format");
        _target = flags.String("target", null, "Set the target build stage to build.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        foreach (var tag in _tags.Values)
        {
            if (!ImageReference.TryParse(tag, out _))
            {
                throw new CliFailure($"invalid argument \"{tag}\" for \"-t, --tag\" flag: invalid reference format");
            }
        }

        var request = new BuildRequest
        {
            Tags = _tags.Values,
            BuildArgs = BuildArgs(_buildArgs.Values),
            Labels = _labels.Values.Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
            Target = _target.Value.Length > 0 ? _target.Value : null,
            NoCache = _noCache.Value,
            Pull = _pull.Value,
            CacheFrom = _cacheFrom.Values,
            Quiet = _quiet.Value,
            ForceRemove = _forceRm.Value,
            NetworkMode = _network.Value is "" or "default" ? null : _network.Value,
            ExtraHosts = _addHosts.Values,
        };

        string source = args[0];
        Stream? body = null;
        try
        {
            if (source.StartsWith("http://", StringComparison.Ordinal) || source.StartsWith("https://", StringComparison.Ordinal))
            {
                request = request with { Remote = source, Dockerfile = NullIfEmpty(_file.Value) };
            }
            else if (source == "-")
            {
                body = context.Console.OpenStdin();
                request = request with { Dockerfile = NullIfEmpty(_file.Value) };
            }
            else
            {
                if (!Directory.Exists(source))
                {
                    throw new CliFailure($"unable to prepare context: path \"{source}\" not found");
                }

                body = ClientTempFile.Create();
                string dockerfile = await PackAsync(source, _file.Value, body, context.Cancellation);
                body.Position = 0;
                request = request with { Dockerfile = dockerfile };
                if (!request.Quiet)
                {
                    await context.Console.Out.WriteLineAsync($"Sending build context to Docker daemon  {Units.HumanSize(body.Length, 4)}");
                    await context.Console.Out.FlushAsync(context.Cancellation);
                }
            }

            string? imageId = null;
            await using var stream = await context.Client.BuildAsync(body, request, context.Cancellation);
            var output = request.Quiet ? new StringWriter() : context.Console.Out;
            var renderer = new JsonMessageRenderer(output, !request.Quiet && context.Console.IsStdoutTerminal)
            {
                OnAux = aux => imageId = aux.TryGetProperty("ID", out var id) ? id.GetString() : imageId,
            };
            try
            {
                await renderer.RenderAsync(stream, context.Cancellation);
            }
            catch (CliFailure) when (request.Quiet)
            {
                // As docker: a quiet build that fails shows what it had held back.
                await context.Console.Error.WriteAsync(output.ToString());
                throw;
            }

            if (request.Quiet)
            {
                await context.Console.Out.WriteAsync(output.ToString());
            }

            if (_iidFile.Value.Length > 0 && imageId is not null)
            {
                await File.WriteAllTextAsync(_iidFile.Value, imageId, context.Cancellation);
            }
        }
        finally
        {
            if (body is not null)
            {
                await body.DisposeAsync();
            }
        }

        return 0;
    }

    private static string? NullIfEmpty(string value) => value.Length > 0 ? value : null;

    /// <summary><c>--build-arg K=V</c>, or <c>K</c> alone: the value from this environment, if set.</summary>
    private static Dictionary<string, string?> BuildArgs(IReadOnlyList<string> values)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var parts = value.Split('=', 2);
            result[parts[0]] = parts.Length > 1 ? parts[1] : Environment.GetEnvironmentVariable(parts[0]);
        }

        return result;
    }

    /// <summary>
    /// Packs the context directory into <paramref name="output"/>, leaving out what .dockerignore
    /// excludes (the Dockerfile and .dockerignore are always sent, as docker does). A Dockerfile
    /// outside the context is added under a random name. Returns the Dockerfile's name in the tar.
    /// </summary>
    private static async Task<string> PackAsync(string contextDir, string file, Stream output, CancellationToken ct)
    {
        string root = Path.GetFullPath(contextDir);
        string dockerfile = file.Length == 0 ? Path.Combine(root, "Dockerfile") : Path.GetFullPath(file == "-" ? file : file);
        string? outside = null;
        string relativeDockerfile;
        if (dockerfile.StartsWith(root + "/", StringComparison.Ordinal))
        {
            relativeDockerfile = dockerfile[(root.Length + 1)..];
        }
        else
        {
            outside = dockerfile;
            relativeDockerfile = ".dockerfile." + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10));
        }

        if (!File.Exists(dockerfile))
        {
            throw new CliFailure($"unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat {dockerfile}: no such file or directory");
        }

        string ignoreFile = File.Exists(dockerfile + ".dockerignore") ? dockerfile + ".dockerignore" : Path.Combine(root, ".dockerignore");
        var patterns = new IgnorePatterns(File.Exists(ignoreFile) ? await File.ReadAllTextAsync(ignoreFile, ct) : "");
        // GNU headers, as Go writes a context: no PAX block per file, so the size matches docker's.
        await using var tar = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        await AddAsync(tar, root, "", patterns, relativeDockerfile, ct);
        if (outside is not null)
        {
            await tar.WriteEntryAsync(outside, relativeDockerfile, ct);
        }

        return relativeDockerfile;
    }

    private static async Task AddAsync(TarWriter tar, string dir, string prefix, IgnorePatterns patterns, string dockerfile, CancellationToken ct)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
        {
            string name = prefix + Path.GetFileName(path);
            bool keep = name == dockerfile || name == ".dockerignore" || !patterns.Excludes(name);
            var info = new FileInfo(path);
            bool isDir = info.Attributes.HasFlag(FileAttributes.Directory) && info.LinkTarget is null;
            if (!keep && !(isDir && patterns.HasExceptions))
            {
                continue;
            }

            if (keep)
            {
                await tar.WriteEntryAsync(path, name, ct);
            }

            if (isDir)
            {
                await AddAsync(tar, path, name + "/", patterns, dockerfile, ct);
            }
        }
    }
}
