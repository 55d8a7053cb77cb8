using System.Globalization;

namespace Berth.Cli.Flags;

/// <summary>pflag's <c>Uint16</c>; its help always shows "(default 0)", as docker's <c>--blkio-weight</c> does.</summary>
internal sealed class Uint16Flag(string name, char? shorthand, string usage) : Flag(name, shorthand, "uint16", usage)
{
    public ushort Value { get; private set; }

    public override string? DefaultText => "0";

    protected override void Parse(string value)
        => Value = ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"strconv.ParseUint: parsing \"{value}\": invalid syntax");
}
