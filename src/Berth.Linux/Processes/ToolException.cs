using Berth.Core.Errors;

namespace Berth.Linux.Processes;

/// <summary>A helper tool (runc, conmon) failed; carries its exit status and what it said on stderr.</summary>
public sealed class ToolException : BerthException
{
    public ToolException(string tool, int exitCode, string stderr)
        : base(ErrorKind.Internal, $"{tool}: exit status {exitCode}: {stderr.Trim()}")
    {
        ExitCode = exitCode;
        Stderr = stderr;
    }

    public int ExitCode { get; }
    public string Stderr { get; }
}
