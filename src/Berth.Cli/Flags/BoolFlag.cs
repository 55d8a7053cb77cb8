namespace Berth.Cli.Flags;

internal sealed class BoolFlag(string name, char? shorthand, string usage, bool defaultValue = false)
    : Flag(name, shorthand, string.Empty, usage)
{
    private readonly bool _default = defaultValue;

    public bool Value { get; private set; } = defaultValue;

    public override bool IsBoolean => true;

    public override string? DefaultText => _default ? "true" : null;

    protected override void Parse(string value)
    {
        Value = value switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
            _ => throw new FormatException($"strconv.ParseBool: parsing \"{value}\": invalid syntax"),
        };
    }
}
