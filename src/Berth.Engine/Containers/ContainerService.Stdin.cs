using System.Net.Sockets;
using Berth.Core.Containers;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// The input half of attach: copies the client's bytes into the container's stdin through
    /// conmon's attach socket (a SOCK_SEQPACKET socket in the bundle). The end of the input
    /// closes the socket, and conmon then closes the container's stdin unless it was started
    /// to leave it open (see <c>LeaveStdinOpen</c> in <see cref="StartAsync"/>). A client
    /// attached before the start waits for it.
    /// </summary>
    public async Task AttachInputAsync(string idOrName, Stream input, CancellationToken ct)
    {
        var handle = Find(idOrName);
        if (!handle.Current.Config.OpenStdin)
            return;
        int exits = handle.Exits;
        while (!handle.IsRunning)
        {
            Task changed = handle.Changed;
            if (handle.Exits > exits || handle.Removed || handle.IsRunning)
                break;
            await changed.WaitAsync(ct);
        }
        if (!handle.IsRunning)
            return;

        using var bundle = new Berth.Linux.Files.DirectoryReference(_paths.ContainerDir(handle.Current.Id));
        using var socket = await ConnectAttachSocketAsync(bundle.PathOf("attach"), ct);
        // conmon also sends the output here; it is read from the log instead, so discard it.
        _ = DiscardAsync(socket);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = await input.ReadAsync(buffer, ct)) > 0)
            await socket.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, ct);
    }

    // conmon may open its socket a moment after the runtime started the container.
    private static async Task<Socket> ConnectAttachSocketAsync(string path, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
                return socket;
            }
            catch (SocketException) when (attempt < 100)
            {
                socket.Dispose();
                await Task.Delay(10, ct);
            }
        }
    }

    private static async Task DiscardAsync(Socket socket)
    {
        byte[] sink = new byte[8193];
        try
        {
            while (await socket.ReceiveAsync(sink, SocketFlags.None) > 0) { }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Closed by us or by conmon.
        }
    }

    /// <summary>Tells conmon the terminal's new size through its control fifo.</summary>
    public void Resize(string idOrName, int height, int width)
    {
        var c = Find(idOrName).Current;
        if (c.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused) || !c.Config.Tty)
            return;
        WriteControl(c.Id, $"1 {height} {width}\n");
    }
}
