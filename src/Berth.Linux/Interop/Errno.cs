using System.Runtime.InteropServices;
using Berth.Core.Errors;

namespace Berth.Linux.Interop;

/// <summary>Turns a failed libc call into an exception that names the call and the path.</summary>
internal static class Errno
{
    internal const int ENOENT = 2;
    internal const int ESRCH = 3;
    internal const int EINTR = 4;
    internal const int EINVAL = 22;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int ENOTDIR = 20;
    internal const int ENAMETOOLONG = 36;
    internal const int EADDRINUSE = 98;

    internal static BerthException Exception(string call, string? path)
    {
        int errno = Marshal.GetLastPInvokeError();
        string text = $"{call}{(path is null ? "" : " " + path)}: {Marshal.GetPInvokeErrorMessage(errno)}";
        ErrorKind kind = errno switch
        {
            ENOENT => ErrorKind.NotFound,
            EEXIST => ErrorKind.Conflict,
            // Every path the kernel finds too long came from a request (cp's path, a volume's name).
            ENAMETOOLONG => ErrorKind.InvalidArgument,
            _ => ErrorKind.Internal,
        };
        return new BerthException(kind, text);
    }
}
