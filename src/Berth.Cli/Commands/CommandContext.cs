using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary>What a running command needs: its name as invoked, the console, and the API client.</summary>
internal sealed class CommandContext(string commandPath, CliConsole console, Func<EngineClient> clientFactory)
{
    private EngineClient? _client;

    /// <summary>The command as the user invoked it, e.g. "berth container ls"; errors quote it.</summary>
    public string CommandPath { get; } = commandPath;

    public CliConsole Console { get; } = console;

    public EngineClient Client => _client ??= clientFactory();

    public CancellationToken Cancellation => Console.Cancellation;
}
