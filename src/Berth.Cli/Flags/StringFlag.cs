namespace Berth.Cli.Flags;

internal sealed class StringFlag(string name, char? shorthand, string usage, string defaultValue = "", string typeName = "string")
    : Flag(name, shorthand, typeName, usage)
{
    public string Value { get; private set; } = defaultValue;

    public override string? DefaultText => defaultValue.Length == 0 ? null : $"\"{defaultValue}\"";

    protected override void Parse(string value) => Value = value;
}
