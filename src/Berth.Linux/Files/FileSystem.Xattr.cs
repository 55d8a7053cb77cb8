using System.Runtime.InteropServices;
using System.Text;
using Berth.Linux.Interop;

namespace Berth.Linux.Files;

public static partial class FileSystem
{
    /// <summary>A path's extended attributes (not a symlink target's), by name; empty where unsupported.</summary>
    public static unsafe IReadOnlyDictionary<string, byte[]> GetXattrs(string path)
    {
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        nint size = Libc.LListXattr(path, null, 0);
        if (size < 0)
            return Marshal.GetLastPInvokeError() == Libc.ENOTSUP ? result : throw Errno.Exception("llistxattr", path);
        if (size == 0)
            return result; // most files: one call, not two
        byte[] names = new byte[size];
        fixed (byte* p = names)
            size = Libc.LListXattr(path, p, (nuint)names.Length);
        if (size < 0)
            throw Errno.Exception("llistxattr", path);
        foreach (string name in Encoding.UTF8.GetString(names, 0, (int)size).Split('\0', StringSplitOptions.RemoveEmptyEntries))
            if (GetXattr(path, name) is { } value)
                result[name] = value;
        return result;
    }

    /// <summary>One extended attribute's value, or null when the path has none by that name.</summary>
    public static unsafe byte[]? GetXattr(string path, string name)
    {
        while (true)
        {
            nint size = Libc.LGetXattr(path, name, null, 0);
            if (size < 0)
                return Marshal.GetLastPInvokeError() is Libc.ENODATA or Libc.ENOTSUP ? null : throw Errno.Exception("lgetxattr " + name, path);
            byte[] value = new byte[size];
            fixed (byte* p = value)
                size = Libc.LGetXattr(path, name, p, (nuint)value.Length);
            if (size >= 0)
                return size == value.Length ? value : value[..(int)size];
            if (Marshal.GetLastPInvokeError() != Libc.ERANGE) // grew in between: ask again
                throw Errno.Exception("lgetxattr " + name, path);
        }
    }
}
