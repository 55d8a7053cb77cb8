using Berth.Core.Units;
using Berth.Cli.Containers;

namespace Berth.Cli.Flags;

/// <summary>A memory size flag ("512m"); <c>--memory-swap</c> also accepts -1 for unlimited.</summary>
internal sealed class BytesFlag(string name, char? shorthand, string usage, bool allowUnlimited = false)
    : Flag(name, shorthand, "bytes", usage)
{
    public long Value { get; private set; }

    protected override void Parse(string value)
        => Value = allowUnlimited && value == "-1" ? -1 : ByteSize.Parse(value);
}
