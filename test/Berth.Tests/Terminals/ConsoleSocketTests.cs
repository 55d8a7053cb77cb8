using System.Net.Sockets;
using Berth.Linux.Terminals;

namespace Berth.Tests.Terminals;

public sealed class ConsoleSocketTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void Connected_once_the_runtime_has_connected_even_before_it_is_accepted()
    {
        using var console = ConsoleSocket.Listen(_dir["console.sock"]);
        Assert.False(console.Connected);
        using var runtime = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        runtime.Connect(new UnixDomainSocketEndPoint(console.Path));
        Assert.True(console.Connected);
    }

    public void Dispose() => _dir.Dispose();
}
