namespace Berth.Core.Errors;

/// <summary>
/// An error whose message is meant for the user, as Docker would word it.
/// </summary>
public class BerthException : Exception
{
    public BerthException(ErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public ErrorKind Kind { get; }

    public static BerthException NotFound(string message) => new(ErrorKind.NotFound, message);
    public static BerthException Invalid(string message) => new(ErrorKind.InvalidArgument, message);
    public static BerthException Conflict(string message) => new(ErrorKind.Conflict, message);
    public static BerthException Forbidden(string message) => new(ErrorKind.Forbidden, message);
}
