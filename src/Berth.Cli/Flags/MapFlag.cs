namespace Berth.Cli.Flags;

/// <summary>docker's <c>MapOpts</c> (<c>-o key=value</c>, repeatable; "key" alone maps to ""); help shows "(default map[])".</summary>
internal sealed class MapFlag(string name, char? shorthand, string usage) : Flag(name, shorthand, "map", usage)
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => _values;

    public override string? DefaultText => "map[]";

    protected override void Parse(string value)
    {
        var parts = value.Split('=', 2);
        _values[parts[0]] = parts.Length > 1 ? parts[1] : string.Empty;
    }
}
