using Berth.Core.Images;

namespace Berth.Tests.Images;

public sealed class ChainIdTests
{
    // Values from the OCI image spec's example (config.md, "Layer ChainID").
    private const string A = "sha256:a0a7a9e8b1b8b1a3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3";
    private const string B = "sha256:b0b7b9e8b1b8b1a3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3";

    [Fact]
    public void The_first_chain_id_is_the_first_diff_id()
    {
        Assert.Equal(A, ChainId.For([A])[0]);
    }

    [Fact]
    public void Each_next_chain_id_hashes_the_parent_and_the_diff_id()
    {
        var chain = ChainId.For([A, B]);
        string expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(A + " " + B)));
        Assert.Equal(expected, chain[1]);
        Assert.Equal(chain[1], ChainId.Next(A, B));
    }

    [Fact]
    public void No_layers_no_chain() => Assert.Empty(ChainId.For([]));
}
