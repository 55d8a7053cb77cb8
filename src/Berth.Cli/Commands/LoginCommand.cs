using Berth.Cli.Flags;
using Berth.Cli.Registry;

namespace Berth.Cli.Commands;

/// <summary>
/// <c>berth login</c>: the daemon checks the credentials with the registry (<c>POST /auth</c>),
/// then they are stored in the docker CLI's config.json, as <c>docker login</c> does.
/// </summary>
internal sealed class LoginCommand : Command
{
    private StringFlag _username = null!;
    private StringFlag _password = null!;
    private BoolFlag _passwordStdin = null!;

    public override string Name => "login";

    public override string Usage => "[OPTIONS] [SERVER]";

    public override string Description => "Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.";

    public override IReadOnlyList<string> Aliases => ["login"];

    public override ArgumentRule Arguments => new(0, 1);

    public override void DefineFlags(FlagSet flags)
    {
        _password = flags.String("password", 'p', "Password or Personal Access Token (PAT)");
        _passwordStdin = flags.Bool("password-stdin", null, "Take the Password or Personal Access Token (PAT) from stdin");
        _username = flags.String("username", 'u', "Username");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        string server = args.Count > 0 ? args[0] : DockerConfigFile.HubServer;
        string user = _username.Value;
        string password = _password.Value;
        if (password.Length > 0)
        {
            if (_passwordStdin.Value)
                throw new CliFailure("--password and --password-stdin are mutually exclusive");
            context.Console.Error.Write("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n");
        }
        if (_passwordStdin.Value)
        {
            if (user.Length == 0)
                throw new CliFailure("Must provide --username with --password-stdin");
            using var reader = new StreamReader(context.Console.OpenStdin());
            password = (await reader.ReadToEndAsync(context.Cancellation)).TrimEnd('\n', '\r');
        }
        var config = DockerConfigFile.Load();
        if (user.Length == 0 && password.Length == 0 && config.Get(server) is var (storedUser, storedPassword))
            (user, password) = (storedUser, storedPassword);
        if (user.Length == 0)
        {
            context.Console.Out.Write("Username: ");
            user = Console.ReadLine()?.Trim() ?? "";
            if (user.Length == 0)
                throw new CliFailure("Error: Non-null Username Required");
        }
        if (password.Length == 0)
        {
            context.Console.Out.Write("Password: ");
            password = Console.ReadLine() ?? "";
            if (password.Length == 0)
                throw new CliFailure("Error: Password Required");
        }
        await context.Client.LoginAsync(user, password, DockerConfigFile.ServerKey(server), context.Cancellation);
        config.Set(server, user, password);
        if (!config.HasHelper(server))
            context.Console.Error.Write($"\nWARNING! Your credentials are stored unencrypted in '{config.Path}'.\n"
                + "Configure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n");
        context.Console.Out.Write("Login Succeeded\n");
        return 0;
    }
}
