using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Networking;

/// <summary>
/// An rtnetlink socket and the link, address and route requests Berth makes through it, as
/// <c>ip link</c>, <c>ip addr</c> and <c>ip route</c> would, without a process. A netlink
/// socket acts in the network namespace of the thread that opened it, whatever thread uses it
/// later: one opened inside a container's namespace (<see cref="NetworkNamespace.Run"/>)
/// configures that namespace. Each request waits for the kernel's acknowledgement; not thread-safe.
/// </summary>
public sealed class RouteSocket : IDisposable
{
    private readonly SafeFileHandle _fd;
    private readonly byte[] _receive = new byte[16384];
    private uint _sequence;

    private RouteSocket(SafeFileHandle fd) => _fd = fd;

    /// <summary>Opens a socket in the calling thread's network namespace.</summary>
    public static RouteSocket Open()
    {
        int fd = Libc.Socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
        if (fd < 0)
            throw Errno.Exception("socket(AF_NETLINK)", null);
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        // A bounded wait for each answer: one that never comes fails its request (EAGAIN)
        // instead of holding a start, a removal or the daemon's restart forever.
        string? failed = Libc.BindNetlink(handle, new Libc.SockAddrNl { Family = Libc.AF_NETLINK }, Marshal.SizeOf<Libc.SockAddrNl>()) != 0 ? "bind(AF_NETLINK)"
            : Libc.SetSockOpt(handle, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, new Libc.TimeVal { Seconds = 5 }, Marshal.SizeOf<Libc.TimeVal>()) != 0 ? "setsockopt(SO_RCVTIMEO)"
            : null;
        if (failed is not null)
        {
            var e = Errno.Exception(failed, null);
            handle.Dispose();
            throw e;
        }
        return new RouteSocket(handle);
    }

    /// <summary>A link's index, or null when there is no link of that name.</summary>
    public int? LinkIndex(string name)
    {
        var message = new NetlinkMessage(Libc.RTM_GETLINK, Libc.NLM_F_REQUEST).LinkHeader().Attribute(Libc.IFLA_IFNAME, name);
        int? index = null;
        int error = Exchange(message, reply => index = BinaryPrimitives.ReadInt32LittleEndian(reply[4..]));
        if (error == Libc.ENODEV)
            return null;
        Check(error, "RTM_GETLINK", name);
        return index;
    }

    /// <summary>Creates a bridge with a fixed MAC (a bridge otherwise takes its lowest port's, which changes as containers come and go); false if it exists.</summary>
    public bool AddBridge(string name, int mtu, ReadOnlySpan<byte> mac)
    {
        var message = new NetlinkMessage(Libc.RTM_NEWLINK, Libc.NLM_F_REQUEST | Libc.NLM_F_ACK | Libc.NLM_F_CREATE | Libc.NLM_F_EXCL)
            .LinkHeader().Attribute(Libc.IFLA_IFNAME, name).Attribute(Libc.IFLA_ADDRESS, mac);
        if (mtu > 0)
            message.Attribute(Libc.IFLA_MTU, (uint)mtu);
        int info = message.Begin(Libc.IFLA_LINKINFO);
        message.Attribute(Libc.IFLA_INFO_KIND, "bridge").End(info);
        int error = Exchange(message);
        if (error == Errno.EEXIST)
            return false;
        Check(error, "RTM_NEWLINK bridge", name);
        return true;
    }

    /// <summary>
    /// Creates a veth pair: <paramref name="hostName"/> here, up, a port of bridge
    /// <paramref name="master"/>; its peer made directly in the namespace <paramref name="peerNamespace"/>
    /// as <paramref name="peerName"/> with MAC <paramref name="peerMac"/>, down until it is configured there.
    /// </summary>
    public void AddVeth(string hostName, int master, int mtu, string peerName, SafeHandle peerNamespace, ReadOnlySpan<byte> peerMac)
    {
        bool added = false;
        peerNamespace.DangerousAddRef(ref added);
        try
        {
            var message = new NetlinkMessage(Libc.RTM_NEWLINK, Libc.NLM_F_REQUEST | Libc.NLM_F_ACK | Libc.NLM_F_CREATE | Libc.NLM_F_EXCL)
                .LinkHeader(flags: Libc.IFF_UP_FLAG, change: Libc.IFF_UP_FLAG).Attribute(Libc.IFLA_IFNAME, hostName).Attribute(Libc.IFLA_MASTER, (uint)master);
            if (mtu > 0)
                message.Attribute(Libc.IFLA_MTU, (uint)mtu);
            int info = message.Begin(Libc.IFLA_LINKINFO);
            message.Attribute(Libc.IFLA_INFO_KIND, "veth");
            int data = message.Begin(Libc.IFLA_INFO_DATA);
            int peer = message.Begin(Libc.VETH_INFO_PEER);
            message.LinkHeader().Attribute(Libc.IFLA_IFNAME, peerName).Attribute(Libc.IFLA_ADDRESS, peerMac)
                .Attribute(Libc.IFLA_NET_NS_FD, (uint)peerNamespace.DangerousGetHandle());
            if (mtu > 0)
                message.Attribute(Libc.IFLA_MTU, (uint)mtu);
            message.End(peer).End(data).End(info);
            Check(Exchange(message), "RTM_NEWLINK veth", hostName);
        }
        finally
        {
            if (added)
                peerNamespace.DangerousRelease();
        }
    }

    /// <summary>
    /// Hairpin mode on a bridge port (<c>ip link set NAME type bridge_slave hairpin on</c>): the
    /// bridge may send a frame back out of the port it came in by, so a container reaches its
    /// own published ports through the host's address.
    /// </summary>
    public void SetHairpin(string port)
    {
        var message = new NetlinkMessage(Libc.RTM_NEWLINK, Libc.NLM_F_REQUEST | Libc.NLM_F_ACK).LinkHeader().Attribute(Libc.IFLA_IFNAME, port);
        int info = message.Begin(Libc.IFLA_LINKINFO);
        message.Attribute(Libc.IFLA_INFO_SLAVE_KIND, "bridge");
        int data = message.Begin(Libc.IFLA_INFO_SLAVE_DATA);
        message.Attribute(Libc.IFLA_BRPORT_MODE, (byte)1).End(data).End(info);
        Check(Exchange(message), "RTM_NEWLINK hairpin", port);
    }

    /// <summary>Sets a link up.</summary>
    public void SetUp(string name)
    {
        var message = new NetlinkMessage(Libc.RTM_NEWLINK, Libc.NLM_F_REQUEST | Libc.NLM_F_ACK)
            .LinkHeader(flags: Libc.IFF_UP_FLAG, change: Libc.IFF_UP_FLAG).Attribute(Libc.IFLA_IFNAME, name);
        Check(Exchange(message), "RTM_NEWLINK up", name);
    }

    /// <summary>
    /// Adds an address with its prefix length to a link; false if the link has it already. An
    /// IPv6 address skips duplicate address detection: the subnet's addresses are Berth's to
    /// hand out, and a hairpin port echoes the probes back, which DAD takes for a duplicate.
    /// </summary>
    public bool AddAddress(int index, IPAddress address, int prefixLength)
    {
        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        byte[] bytes = address.GetAddressBytes();
        var message = new NetlinkMessage(Libc.RTM_NEWADDR, Libc.NLM_F_REQUEST | Libc.NLM_F_ACK | Libc.NLM_F_CREATE | Libc.NLM_F_EXCL)
            .AddressHeader((byte)(v6 ? Libc.AF_INET6 : Libc.AF_INET), (byte)prefixLength, v6 ? Libc.IFA_F_NODAD : (byte)0, Libc.RT_SCOPE_UNIVERSE, index)
            .Attribute(Libc.IFA_LOCAL, bytes).Attribute(Libc.IFA_ADDRESS, bytes);
        if (!v6 && prefixLength < 31)
        {
            // The subnet's broadcast address, as `ip addr add ... brd +` and the CNI plugins set it.
            uint host = uint.MaxValue >> prefixLength;
            uint broadcast = BinaryPrimitives.ReadUInt32BigEndian(bytes) | host;
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b, broadcast);
            message.Attribute(Libc.IFA_BROADCAST, b);
        }
        int error = Exchange(message);
        if (error == Errno.EEXIST)
            return false;
        Check(error, "RTM_NEWADDR", address.ToString());
        return true;
    }

    /// <summary>
    /// Adds a route to <paramref name="destination"/> through <paramref name="gateway"/> on link
    /// <paramref name="index"/> (main table), after any the namespace has to the same place: a
    /// container connected to a second network keeps the default route of its first, as Docker's do.
    /// </summary>
    public void AddRoute(IPNetwork destination, IPAddress gateway, int index)
    {
        bool v6 = gateway.AddressFamily == AddressFamily.InterNetworkV6;
        var message = new NetlinkMessage(Libc.RTM_NEWROUTE, Libc.NLM_F_REQUEST | Libc.NLM_F_ACK | Libc.NLM_F_CREATE | Libc.NLM_F_APPEND)
            .RouteHeader((byte)(v6 ? Libc.AF_INET6 : Libc.AF_INET), (byte)destination.PrefixLength, Libc.RT_TABLE_MAIN, Libc.RTPROT_BOOT,
                Libc.RT_SCOPE_UNIVERSE, Libc.RTN_UNICAST);
        if (destination.PrefixLength > 0)
            message.Attribute(Libc.RTA_DST, destination.BaseAddress.GetAddressBytes());
        message.Attribute(Libc.RTA_GATEWAY, gateway.GetAddressBytes()).Attribute(Libc.RTA_OIF, (uint)index);
        Check(Exchange(message), "RTM_NEWROUTE", destination + " via " + gateway);
    }

    /// <summary>Deletes a link (a veth takes its peer along); false if there is none of that name.</summary>
    public bool DeleteLink(string name)
    {
        var message = new NetlinkMessage(Libc.RTM_DELLINK, Libc.NLM_F_REQUEST | Libc.NLM_F_ACK).LinkHeader().Attribute(Libc.IFLA_IFNAME, name);
        int error = Exchange(message);
        if (error == Libc.ENODEV)
            return false;
        Check(error, "RTM_DELLINK", name);
        return true;
    }

    public void Dispose() => _fd.Dispose();

    private static void Check(int error, string request, string subject)
    {
        if (error == 0)
            return;
        string text = $"netlink {request} {subject}: {Marshal.GetPInvokeErrorMessage(error)}";
        throw new BerthException(error switch { Errno.EEXIST => ErrorKind.Conflict, Libc.ENODEV or Errno.ENOENT => ErrorKind.NotFound, _ => ErrorKind.Internal }, text);
    }

    /// <summary>
    /// Sends one request and reads until its answer: 0 for an acknowledgement, else the errno
    /// the kernel refused it with. A reply carrying data (a GET's) goes to <paramref name="onReply"/>,
    /// its payload past the <c>nlmsghdr</c>.
    /// </summary>
    private unsafe int Exchange(NetlinkMessage message, ReplyHandler? onReply = null)
    {
        uint sequence = ++_sequence;
        var request = message.Complete(sequence);
        fixed (byte* p = request)
            while (Libc.Send(_fd, p, (nuint)request.Length, 0) < 0)
                if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                    throw Errno.Exception("send(AF_NETLINK)", null);
        while (true)
        {
            nint received;
            fixed (byte* p = _receive)
                received = Libc.Recv(_fd, p, (nuint)_receive.Length, 0);
            if (received < 0)
            {
                if (Marshal.GetLastPInvokeError() == Errno.EINTR)
                    continue;
                throw Errno.Exception("recv(AF_NETLINK)", null);
            }
            var data = _receive.AsSpan(0, (int)received);
            while (data.Length >= 16)
            {
                int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(data);
                if (length < 16 || length > data.Length)
                    break;
                ushort type = BinaryPrimitives.ReadUInt16LittleEndian(data[4..]);
                uint seq = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
                var payload = data[16..length];
                data = data[Math.Min((length + 3) & ~3, data.Length)..];
                if (seq != sequence)
                    continue;
                if (type == Libc.NLMSG_ERROR)
                    return -BinaryPrimitives.ReadInt32LittleEndian(payload);
                if (type == Libc.NLMSG_DONE)
                    return 0;
                onReply?.Invoke(payload);
                if (onReply is not null)
                    return 0; // a GET without NLM_F_ACK answers with the one message
            }
        }
    }

    private delegate void ReplyHandler(ReadOnlySpan<byte> payload);
}
