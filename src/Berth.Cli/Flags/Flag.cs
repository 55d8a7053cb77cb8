namespace Berth.Cli.Flags;

/// <summary>
/// One command-line flag, pflag style: a long name, an optional one-letter shorthand, a
/// type name shown in help ("string", "list", "int"...) and a usage line.
/// </summary>
internal abstract class Flag(string name, char? shorthand, string typeName, string usage)
{
    public string Name { get; } = name;

    public char? Shorthand { get; } = shorthand;

    /// <summary>Shown after the flag name in help; empty for booleans.</summary>
    public string TypeName { get; } = typeName;

    public string Usage { get; } = usage;

    /// <summary>True once the flag appeared on the command line.</summary>
    public bool Changed { get; private set; }

    public bool Hidden { get; init; }

    /// <summary>When set, using the flag prints pflag's "Flag --x has been deprecated, ..." warning.</summary>
    public string? Deprecated { get; init; }

    /// <summary>Booleans take no argument unless written <c>--flag=value</c>.</summary>
    public virtual bool IsBoolean => false;

    /// <summary>Text of the "(default ...)" suffix in help, or null when the default is the zero value.</summary>
    public virtual string? DefaultText => null;

    /// <summary>How errors name the flag: <c>-n, --last</c> or <c>--name</c>.</summary>
    public string DisplayName => Shorthand is { } s ? $"-{s}, --{Name}" : $"--{Name}";

    public void Set(string value)
    {
        Parse(value);
        Changed = true;
    }

    /// <summary>Stores the value; throws <see cref="FormatException"/> with the strconv-style reason.</summary>
    protected abstract void Parse(string value);
}
