using System.Net;
using Berth.Core.Errors;
using Berth.Engine.Networking;

namespace Berth.Tests.Networking;

/// <summary>The in-process IPAM: ranges, the gateway and auxiliary addresses skipped, exhaustion, release, host-local's files.</summary>
public sealed class AddressBookTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly AddressBook _book;

    public AddressBookTests() => _book = new AddressBook(_dir["ipam/net"]);

    public void Dispose() => _dir.Dispose();

    private static AddressRange Range(string subnet, string gateway, string? range = null, params string[] aux) =>
        new(IPNetwork.Parse(subnet), IPAddress.Parse(gateway), range is null ? null : IPNetwork.Parse(range), aux.Select(IPAddress.Parse).ToList());

    /// <summary>The next address handed out, "none" when the range is full.</summary>
    private string Next(AddressRange range, string id, string ifName = "eth0") => _book.Allocate(range, id, ifName)?.ToString() ?? "none";

    [Fact]
    public void Addresses_come_in_order_without_the_gateway_and_the_auxiliary_ones()
    {
        var range = Range("10.5.0.0/24", "10.5.0.1", null, "10.5.0.3");
        Assert.Equal(["10.5.0.2", "10.5.0.4", "10.5.0.5"], new[] { Next(range, "a"), Next(range, "b"), Next(range, "c") });
    }

    [Fact]
    public void An_ip_range_bounds_what_is_handed_out_but_not_a_fixed_address()
    {
        var range = Range("10.6.0.0/24", "10.6.0.1", "10.6.0.128/30");
        Assert.Equal(["10.6.0.129", "10.6.0.130"], new[] { Next(range, "a"), Next(range, "b") });
        Assert.Equal("10.6.0.7", _book.Allocate(range, "c", "eth0", IPAddress.Parse("10.6.0.7"))!.ToString());
    }

    [Fact]
    public void A_full_range_gives_none_and_a_released_address_is_handed_out_again()
    {
        var range = Range("10.7.0.0/29", "10.7.0.1"); // .2 to .6
        var held = Enumerable.Range(0, 5).Select(i => Next(range, "c" + i)).ToList();
        Assert.Equal(["10.7.0.2", "10.7.0.3", "10.7.0.4", "10.7.0.5", "10.7.0.6"], held);
        Assert.Equal("none", Next(range, "late"));
        Assert.True(_book.Release(IPAddress.Parse("10.7.0.4"), "c2", "eth0"));
        Assert.Equal("10.7.0.4", Next(range, "late"));
    }

    [Fact]
    public void The_lowest_free_address_is_handed_out_as_Docker_does()
    {
        var range = Range("10.8.0.0/24", "10.8.0.1");
        Assert.Equal(["10.8.0.2", "10.8.0.3"], new[] { Next(range, "a"), Next(range, "b") });
        _book.Release(IPAddress.Parse("10.8.0.2"), "a", "eth0");
        Assert.Equal("10.8.0.2", Next(range, "c"));
        // A new book on the same directory (a daemon restart) sees what is held, and host-local's round-robin file changes nothing.
        File.WriteAllText(Path.Combine(_book.Directory, "last_reserved_ip.0"), "10.8.0.3");
        Assert.Equal("10.8.0.4", new AddressBook(_book.Directory).Allocate(range, "d", "eth0")!.ToString());
    }

    [Fact]
    public void A_fixed_address_held_the_gateway_or_an_auxiliary_one_is_refused()
    {
        var range = Range("10.9.0.0/24", "10.9.0.1", null, "10.9.0.9");
        _book.Allocate(range, "a", "eth0", IPAddress.Parse("10.9.0.50"));
        Assert.Equal("Address already in use",
            Assert.Throws<BerthException>(() => _book.Allocate(range, "b", "eth0", IPAddress.Parse("10.9.0.50"))).Message);
        Assert.Throws<BerthException>(() => _book.Allocate(range, "b", "eth0", IPAddress.Parse("10.9.0.1")));
        Assert.Throws<BerthException>(() => _book.Allocate(range, "b", "eth0", IPAddress.Parse("10.9.0.9")));
    }

    [Fact]
    public void Holds_are_host_local_files_and_release_checks_the_holder()
    {
        var range = Range("fd00:7::/120", "fd00:7::1");
        Assert.Equal("fd00:7::2", Next(range, "abc", "eth1"));
        Assert.Equal("abc\r\neth1", File.ReadAllText(Path.Combine(_book.Directory, "fd00:7::2")));
        Assert.False(_book.Release(IPAddress.Parse("fd00:7::2"), "other", "eth1"));
        Assert.False(_book.Release(IPAddress.Parse("fd00:7::2"), "abc", "eth0"));
        _book.ReleaseAll("abc", "eth1");
        Assert.False(File.Exists(Path.Combine(_book.Directory, "fd00:7::2")));
    }

    [Fact]
    public void The_sweep_releases_what_containers_not_running_hold_and_empty_holds()
    {
        var range = Range("10.10.0.0/24", "10.10.0.1");
        Next(range, "running");
        Next(range, "gone");
        File.WriteAllBytes(Path.Combine(_book.Directory, "10.10.0.99"), []); // a kill -9 between create and write
        Assert.Equal(2, _book.ReleaseUnless(id => id == "running"));
        Assert.Equal(["10.10.0.2"], Directory.GetFiles(_book.Directory, "10.*").Select(Path.GetFileName));
    }
}
