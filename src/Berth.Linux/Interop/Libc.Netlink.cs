using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

/// <summary>rtnetlink (netlink(7), rtnetlink(7)): the socket calls and the constants of the messages Berth sends.</summary>
internal static partial class Libc
{
    internal const int AF_NETLINK = 16;
    internal const int AF_INET6 = 10;
    internal const int AF_BRIDGE = 7;
    internal const int SOCK_RAW = 3;
    internal const int NETLINK_ROUTE = 0;

    // nlmsghdr: types and flags
    internal const ushort NLMSG_ERROR = 2;
    internal const ushort NLMSG_DONE = 3;
    internal const ushort NLM_F_REQUEST = 0x1;
    internal const ushort NLM_F_ACK = 0x4;
    internal const ushort NLM_F_EXCL = 0x200;
    internal const ushort NLM_F_CREATE = 0x400;
    internal const ushort NLM_F_APPEND = 0x800;

    internal const ushort RTM_NEWLINK = 16;
    internal const ushort RTM_DELLINK = 17;
    internal const ushort RTM_GETLINK = 18;
    internal const ushort RTM_SETLINK = 19;
    internal const ushort RTM_NEWADDR = 20;
    internal const ushort RTM_NEWROUTE = 24;

    // ifinfomsg attributes
    internal const ushort IFLA_ADDRESS = 1;
    internal const ushort IFLA_IFNAME = 3;
    internal const ushort IFLA_MTU = 4;
    internal const ushort IFLA_MASTER = 10;
    internal const ushort IFLA_PROTINFO = 12;
    internal const ushort IFLA_LINKINFO = 18;
    internal const ushort IFLA_NET_NS_FD = 28;
    internal const ushort IFLA_INFO_KIND = 1;
    internal const ushort IFLA_INFO_DATA = 2;
    internal const ushort IFLA_INFO_SLAVE_KIND = 4;
    internal const ushort IFLA_INFO_SLAVE_DATA = 5;
    internal const ushort VETH_INFO_PEER = 1;
    internal const uint IFF_UP_FLAG = 0x1;
    internal const ushort IFLA_BRPORT_MODE = 4; // hairpin
    internal const ushort NLA_F_NESTED = 0x8000;

    // ifaddrmsg attributes and flags
    internal const ushort IFA_ADDRESS = 1;
    internal const ushort IFA_LOCAL = 2;
    internal const ushort IFA_BROADCAST = 4;
    internal const byte IFA_F_NODAD = 0x02;
    internal const byte RT_SCOPE_UNIVERSE = 0;

    // rtmsg attributes and values
    internal const ushort RTA_DST = 1;
    internal const ushort RTA_OIF = 4;
    internal const ushort RTA_GATEWAY = 5;
    internal const byte RT_TABLE_MAIN = 254;
    internal const byte RTPROT_BOOT = 3;
    internal const byte RTN_UNICAST = 1;

    internal const int ENODEV = 19;

    [StructLayout(LayoutKind.Sequential)]
    internal struct SockAddrNl
    {
        public ushort Family;
        public ushort Pad;
        public uint Pid;
        public uint Groups;
    }

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    internal static partial int BindNetlink(SafeHandle fd, in SockAddrNl address, int length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static unsafe partial nint Send(SafeHandle fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    internal static unsafe partial nint Recv(SafeHandle fd, byte* buffer, nuint length, int flags);
}
