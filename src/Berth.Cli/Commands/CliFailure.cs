namespace Berth.Cli.Commands;

/// <summary>
/// A command failed with a message to print on stderr (may be empty) and an exit code;
/// the docker CLI's <c>StatusError</c>.
/// </summary>
internal sealed class CliFailure(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
