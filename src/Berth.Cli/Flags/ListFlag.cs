namespace Berth.Cli.Flags;

/// <summary>A repeatable flag (<c>-e A -e B</c>); docker's help calls these "list".</summary>
internal sealed class ListFlag(string name, char? shorthand, string usage, string typeName = "list", Func<string, string>? validate = null)
    : Flag(name, shorthand, typeName, usage)
{
    private readonly List<string> _values = [];

    public IReadOnlyList<string> Values => _values;

    protected override void Parse(string value) => _values.Add(validate is null ? value : validate(value));
}
