using Berth.Core.Containers;

namespace Berth.Tests.Containers;

public sealed class DetachKeysTests
{
    [Theory]
    [InlineData("ctrl-p,ctrl-q", new byte[] { 0x10, 0x11 })]
    [InlineData("ctrl-@,ctrl-a,ctrl-z", new byte[] { 0x00, 0x01, 0x1a })]
    [InlineData("ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_", new byte[] { 0x1b, 0x1c, 0x1d, 0x1e, 0x1f })]
    [InlineData("a,b", new byte[] { (byte)'a', (byte)'b' })]
    [InlineData("ctrl-x,x", new byte[] { 0x18, (byte)'x' })]
    [InlineData("DEL", new byte[] { 0x7f })]
    public void Known_keys_become_their_codes(string text, byte[] expected)
    {
        Assert.True(DetachKeys.TryParse(text, out var keys));
        Assert.Equal(expected, keys);
    }

    [Theory]
    [InlineData("ctrl-xx")]
    [InlineData("ctrl-P")]
    [InlineData("ab")]
    [InlineData("a,,b")]
    [InlineData(",")]
    [InlineData("")]
    [InlineData("é")]
    [InlineData("ctrl-1")]
    [InlineData("del")]
    public void Unknown_keys_are_refused(string text) => Assert.False(DetachKeys.TryParse(text, out _));

    [Fact]
    public void The_default_is_ctrl_p_ctrl_q() => Assert.Equal(new byte[] { 0x10, 0x11 }, DetachKeys.Default.ToArray());
}
