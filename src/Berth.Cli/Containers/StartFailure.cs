namespace Berth.Cli.Containers;

/// <summary>
/// docker's <c>runStartContainerErr</c>: a start error means 127 when the command was not
/// found, 126 when it could not be executed, 125 otherwise.
/// </summary>
internal static class StartFailure
{
    public static int ExitCode(string message)
    {
        if (message.Contains("executable file not found", StringComparison.Ordinal)
            || message.Contains("no such file or directory", StringComparison.Ordinal)
            || message.Contains("system cannot find the file specified", StringComparison.Ordinal))
        {
            return 127;
        }

        if (message.Contains("permission denied", StringComparison.Ordinal) || message.Contains("is a directory", StringComparison.Ordinal))
        {
            return 126;
        }

        return 125;
    }
}
