using Berth.Core.Errors;

namespace Berth.Engine.Build;

/// <summary>
/// A RUN step's command exited non-zero. Carries the exit code because the API reports it
/// (<c>errorDetail.code</c>) and the CLI exits with it.
/// </summary>
public sealed class BuildStepException(int code, string message) : BerthException(ErrorKind.Internal, message)
{
    public int Code { get; } = code;
}
