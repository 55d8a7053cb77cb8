using Berth.Core.Errors;
using Berth.Engine.Networking;

namespace Berth.Tests.Networking;

public sealed class AddressPoolTests
{
    [Fact]
    public void A_pool_is_carved_into_subnets_of_its_size_in_order()
    {
        var pool = AddressPool.Parse("base=10.80.0.0/22,size=24");
        Assert.Equal(["10.80.0.0/24", "10.80.1.0/24", "10.80.2.0/24", "10.80.3.0/24"], pool.Subnets().Select(s => s.ToString()));
        Assert.Equal("10.90.0.0/24", AddressPools.Default.Subnets().First().ToString());
        Assert.Equal(256, AddressPools.Default.Subnets().Count());
    }

    [Theory]
    [InlineData("base=10.80.0.0/16")]
    [InlineData("base=10.80.0.0/16,size=12")]
    [InlineData("base=fd00::/64,size=80")]
    [InlineData("10.80.0.0/16")]
    [InlineData("base=10.80.0.0/16,size=24,color=red")]
    public void Bad_pools_are_refused(string spec) => Assert.Throws<BerthException>(() => AddressPool.Parse(spec));

    [Fact]
    public void Fixed_cidr_must_lie_within_the_bridges_subnet()
    {
        Assert.Equal("172.30.5.0/24", BridgeConfig.Parse("b0", "172.30.0.1/16", "172.30.5.0/24").FixedCidr.ToString());
        Assert.Null(BridgeConfig.Parse("b0", "172.30.0.1/16").FixedCidr);
        Assert.Throws<BerthException>(() => BridgeConfig.Parse("b0", "172.30.0.1/16", "10.1.0.0/24"));
        Assert.Throws<BerthException>(() => BridgeConfig.Parse("b0", "172.30.0.1/16", "172.0.0.0/8"));
    }
}
