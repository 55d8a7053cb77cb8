using System.Net.Sockets;
using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Terminals;

/// <summary>
/// runc's <c>--console-socket</c>: a unix socket runc connects to, once, to hand over the
/// master side of the terminal it made for the process (one message: the terminal's name as
/// data, its fd as SCM_RIGHTS). berthd then holds the process's own terminal, with nothing
/// relaying in between.
/// </summary>
public sealed class ConsoleSocket : IDisposable
{
    private readonly Socket _listener;

    private ConsoleSocket(string path, Socket listener)
    {
        Path = path;
        _listener = listener;
    }

    public string Path { get; }

    private volatile bool _accepted;

    /// <summary>
    /// Whether the runtime has connected (accepted, or waiting in the backlog): once its
    /// process has exited, the terminal it sent is certain to be there, however long a busy
    /// machine takes to run the receiving side.
    /// </summary>
    public bool Connected => _accepted || _listener.Poll(0, SelectMode.SelectRead);

    public static ConsoleSocket Listen(string path)
    {
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return new ConsoleSocket(path, listener);
    }

    /// <summary>Waits for runc to connect and send the terminal's master.</summary>
    public async Task<Terminal> ReceiveAsync(CancellationToken ct)
    {
        using var connection = await _listener.AcceptAsync(ct);
        _accepted = true;
        // A zero-byte receive waits until the message is there; recvmsg then takes it whole.
        await connection.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, ct);
        return Terminal.FromMaster(ReceiveFd(connection.SafeHandle));
    }

    private static unsafe SafeFileHandle ReceiveFd(SafeHandle socket)
    {
        byte* data = stackalloc byte[4096]; // the terminal's name, which is not needed
        const int controlSize = 24; // CMSG_SPACE(sizeof(int)) on 64-bit Linux
        byte* control = stackalloc byte[controlSize];
        new Span<byte>(control, controlSize).Clear();
        var iov = new Libc.IoVec { Base = data, Length = 4096 };
        var message = new Libc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = controlSize };
        nint n;
        do n = Libc.RecvMsg(socket, &message, Libc.MSG_CMSG_CLOEXEC);
        while (n < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);
        if (n < 0)
            throw Errno.Exception("recvmsg", "console socket");
        var header = (Libc.CmsgHdr*)control;
        if (message.ControlLength < (nuint)sizeof(Libc.CmsgHdr) + sizeof(int) || header->Level != Libc.SOL_SOCKET || header->Type != Libc.SCM_RIGHTS)
            throw new BerthException(ErrorKind.Internal, "the runtime sent no terminal over the console socket");
        return new SafeFileHandle(*(int*)(control + sizeof(Libc.CmsgHdr)), ownsHandle: true);
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(Path);
    }
}
