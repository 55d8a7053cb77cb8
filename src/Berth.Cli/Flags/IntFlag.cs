using System.Globalization;

namespace Berth.Cli.Flags;

internal sealed class IntFlag(string name, char? shorthand, string usage, long defaultValue = 0, string typeName = "int")
    : Flag(name, shorthand, typeName, usage)
{
    private readonly long _default = defaultValue;

    public long Value { get; private set; } = defaultValue;

    public override string? DefaultText => _default == 0 ? null : _default.ToString(CultureInfo.InvariantCulture);

    protected override void Parse(string value)
    {
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            throw new FormatException($"strconv.ParseInt: parsing \"{value}\": invalid syntax");
        }

        Value = parsed;
    }
}
