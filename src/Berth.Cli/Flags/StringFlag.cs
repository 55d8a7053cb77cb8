namespace Berth.Cli.Flags;

internal sealed class StringFlag(string name, char? shorthand, string usage, string defaultValue = "", string typeName = "string")
    : Flag(name, shorthand, typeName, usage)
{
    private readonly string _default = defaultValue;

    public string Value { get; private set; } = defaultValue;

    public override string? DefaultText => _default.Length == 0 ? null : $"\"{_default}\"";

    protected override void Parse(string value) => Value = value;
}
