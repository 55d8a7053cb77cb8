using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Engine.Networking;

namespace Berth.Tests.Networking;

public sealed class PortAllocatorTests
{
    private readonly HashSet<int> _busyOnHost = [];

    private PortAllocator Allocator() => new((40000, 40004), (_, _, port) => (!_busyOnHost.Contains(port), null));

    private static PortRequest Fixed(int host, string ip = "", string proto = "tcp") => new(80, proto, ip, host, host);

    private static PortRequest Any(string proto = "tcp") => new(80, proto, "", 0, 0);

    [Fact]
    public void Explicit_ports_are_given_on_every_address()
    {
        var p = Allocator().Allocate([Fixed(8080)]);
        Assert.Equal([new PublishedPort(80, "tcp", "0.0.0.0", 8080)], p);
    }

    [Fact]
    public void A_port_held_by_another_container_is_refused_with_dockers_message()
    {
        var a = Allocator();
        a.Allocate([Fixed(8080)]);
        var e = Assert.Throws<BerthException>(() => a.Allocate([Fixed(8080)]));
        Assert.Equal("Bind for 0.0.0.0:8080 failed: port is already allocated", e.Message);
    }

    [Fact]
    public void Any_address_conflicts_with_one_address_both_ways_but_protocols_do_not()
    {
        var a = Allocator();
        a.Allocate([Fixed(8080, "127.0.0.1")]);
        Assert.Throws<BerthException>(() => a.Allocate([Fixed(8080)]));
        a.Allocate([Fixed(8080, "", "udp")]);
        a.Allocate([Fixed(8081)]);
        Assert.Throws<BerthException>(() => a.Allocate([Fixed(8081, "127.0.0.2")]));
    }

    [Fact]
    public void Random_ports_come_in_order_from_the_range_skipping_taken_and_busy_ones()
    {
        var a = Allocator();
        a.Allocate([Fixed(40000)]);
        _busyOnHost.Add(40001);
        var p = a.Allocate([Any(), Any()]);
        Assert.Equal([40002, 40003], p.Select(x => x.HostPort));
    }

    [Fact]
    public void A_failed_request_takes_nothing()
    {
        var a = Allocator();
        a.Allocate([Fixed(9000)]);
        Assert.Throws<BerthException>(() => a.Allocate([Fixed(9001), Fixed(9000)]));
        a.Allocate([Fixed(9001)]);
    }

    [Fact]
    public void Released_and_reserved_ports_are_free_and_held_again()
    {
        var a = Allocator();
        var p = a.Allocate([Fixed(8080)]);
        a.Release(p);
        a.Allocate([Fixed(8080)]);
        var b = Allocator();
        b.Reserve(p);
        Assert.Throws<BerthException>(() => b.Allocate([Fixed(8080)]));
    }

    [Fact]
    public void A_host_process_on_an_explicit_port_is_reported_as_address_in_use()
    {
        _busyOnHost.Add(7000);
        var e = Assert.Throws<BerthException>(() => Allocator().Allocate([Fixed(7000)]));
        Assert.Contains("address already in use", e.Message);
    }

    [Fact]
    public void An_exhausted_range_is_an_error()
    {
        var a = Allocator();
        a.Allocate([Any(), Any(), Any(), Any(), Any()]);
        Assert.Throws<BerthException>(() => a.Allocate([Any()]));
    }

    [Fact]
    public void A_published_port_is_bound_so_no_host_process_can_take_it_until_released()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var allocator = new PortAllocator();
        var ports = allocator.Allocate([Fixed(port, "127.0.0.1")]);
        var intruder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        intruder.Server.SetSocketOption(System.Net.Sockets.SocketOptionLevel.Socket, System.Net.Sockets.SocketOptionName.ReuseAddress, true);
        Assert.Throws<System.Net.Sockets.SocketException>(() => intruder.Start());
        allocator.Release(ports);
        using var after = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        after.Start();
    }
}
