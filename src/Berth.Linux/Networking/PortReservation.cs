using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Berth.Linux.Interop;

namespace Berth.Linux.Networking;

/// <summary>
/// A host port held by a bound, never listening, IPv4 socket: no other socket can bind it
/// while this one lives. Made with libc, not <see cref="Socket"/>: .NET sets SO_REUSEADDR
/// before every bind, and two sockets with SO_REUSEADDR may share a port while neither
/// listens, which is exactly the hole this is meant to close.
/// </summary>
public sealed class PortReservation : IDisposable
{
    private int _fd;

    private PortReservation(int fd) => _fd = fd;

    /// <summary>The reservation, or null when the port is in use; an address this host lacks is a <see cref="SocketException"/>.</summary>
    public static PortReservation? TryTake(IPAddress address, int port, bool udp)
    {
        int fd = Libc.Socket(Libc.AF_INET, (udp ? Libc.SOCK_DGRAM : Libc.SOCK_STREAM) | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0)
            throw new SocketException(Marshal.GetLastPInvokeError());
        var sockaddr = new Libc.SockAddrIn
        {
            Family = Libc.AF_INET,
            Port = (ushort)IPAddress.HostToNetworkOrder((short)port),
            Address = BitConverter.ToUInt32(address.GetAddressBytes()),
        };
        if (Libc.Bind(fd, sockaddr, Marshal.SizeOf<Libc.SockAddrIn>()) == 0)
            return new PortReservation(fd);
        int errno = Marshal.GetLastPInvokeError();
        Libc.Close(fd);
        if (errno == Errno.EADDRINUSE)
            return null;
        throw new SocketException(errno);
    }

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
            Libc.Close(fd);
    }
}
