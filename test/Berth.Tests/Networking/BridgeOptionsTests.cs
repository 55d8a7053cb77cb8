using Berth.Core.Errors;
using Berth.Engine.Networking;

namespace Berth.Tests.Networking;

public sealed class BridgeOptionsTests
{
    [Fact]
    public void Options_are_read_with_dockers_names_and_defaults()
    {
        Assert.Equal(BridgeOptions.Default, BridgeOptions.From(new Dictionary<string, string> { ["com.docker.network.bridge.name"] = "br0" }));
        var set = BridgeOptions.From(new Dictionary<string, string>
        {
            [BridgeOptions.MtuKey] = "1400", [BridgeOptions.MasqueradeKey] = "false", [BridgeOptions.IccKey] = "False",
        });
        Assert.Equal(new BridgeOptions(1400, Masquerade: false, InterContainer: false), set);
    }

    [Theory]
    [InlineData(BridgeOptions.MtuKey, "abc", "failed to parse com.docker.network.driver.mtu value: abc (strconv.Atoi: parsing \"abc\": invalid syntax)")]
    [InlineData(BridgeOptions.MtuKey, "20", "invalid MTU number: 20")]
    [InlineData(BridgeOptions.IccKey, "maybe", "failed to parse com.docker.network.bridge.enable_icc value: maybe (strconv.ParseBool: parsing \"maybe\": invalid syntax)")]
    public void Bad_values_are_refused_with_dockers_words(string key, string value, string message)
    {
        var e = Assert.Throws<BerthException>(() => BridgeOptions.From(new Dictionary<string, string> { [key] = value }));
        Assert.Equal(message, e.Message);
    }
}
