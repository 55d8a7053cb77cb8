using Berth.Linux.Interop;

namespace Berth.Linux.Files;

/// <summary>The file operations .NET lacks: ownership without following links, device nodes, hard links, xattrs.</summary>
public static partial class FileSystem
{
    public static void LChown(string path, int uid, int gid)
    {
        if (Libc.LChown(path, uid, gid) != 0)
            throw Errno.Exception("lchown", path);
    }

    public enum NodeKind { Char, Block, Fifo }

    public static void MakeNode(string path, NodeKind kind, uint permissions, uint major, uint minor)
    {
        uint type = kind switch { NodeKind.Char => Libc.S_IFCHR, NodeKind.Block => Libc.S_IFBLK, _ => Libc.S_IFIFO };
        ulong dev = ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
        if (Libc.MkNod(path, type | (permissions & 0xfff), dev) != 0)
            throw Errno.Exception("mknod", path);
    }

    /// <summary>A device node's kind ('c' or 'b'), numbers, permissions and owner, from stat(2).</summary>
    public sealed record DeviceNode(char Type, long Major, long Minor, uint Mode, uint Uid, uint Gid);

    public static unsafe DeviceNode StatDevice(string path)
    {
        byte* buffer = stackalloc byte[Libc.StatSize];
        if (Libc.Stat(path, buffer) != 0)
            throw Errno.Exception("stat", path);
        uint mode = *(uint*)(buffer + Libc.StatModeOffset);
        ulong rdev = *(ulong*)(buffer + Libc.StatRdevOffset);
        char type = (mode & Libc.S_IFMT) switch
        {
            Libc.S_IFCHR => 'c',
            Libc.S_IFBLK => 'b',
            _ => throw new Berth.Core.Errors.BerthException(Berth.Core.Errors.ErrorKind.InvalidArgument, $"error gathering device information while adding custom device \"{path}\": not a device node"),
        };
        long major = (long)(((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffUL));
        long minor = (long)((rdev & 0xff) | ((rdev >> 12) & ~0xffUL));
        return new DeviceNode(type, major, minor, mode & 0xfff, *(uint*)(buffer + Libc.StatUidOffset), *(uint*)(buffer + Libc.StatGidOffset));
    }

    public static void HardLink(string existing, string path)
    {
        if (Libc.Link(existing, path) != 0)
            throw Errno.Exception("link", path);
    }

    public static void SetXattr(string path, string name, byte[] value)
    {
        if (Libc.LSetXattr(path, name, value, (nuint)value.Length, 0) != 0)
            throw Errno.Exception("lsetxattr " + name, path);
    }
}
