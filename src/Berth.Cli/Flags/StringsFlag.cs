namespace Berth.Cli.Flags;

/// <summary>pflag's <c>StringSlice</c>: repeatable, and each value is itself a comma-separated list.</summary>
internal sealed class StringsFlag(string name, char? shorthand, string usage) : Flag(name, shorthand, "strings", usage)
{
    private readonly List<string> _values = [];

    public IReadOnlyList<string> Values => _values;

    protected override void Parse(string value) => _values.AddRange(value.Split(','));
}
