namespace Berth.Core.Errors;

/// <summary>
/// What went wrong, in the terms the Engine API maps to an HTTP status
/// (see the table in STYLE.md). The daemon's one exception handler does the mapping.
/// </summary>
public enum ErrorKind
{
    Internal,
    InvalidArgument,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    NotImplemented,
    Unavailable,
}
