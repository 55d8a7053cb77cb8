namespace Berth.Cli.Flags;

/// <summary>
/// The flags of one command and the parser for them, with pflag's rules: <c>--name value</c>,
/// <c>--name=value</c>, <c>-abc</c> bundles of booleans, <c>-e VALUE</c>, <c>-eVALUE</c>,
/// <c>-e=VALUE</c>, and <c>--</c> ending the flags. Non-interspersed sets (<c>run</c>, <c>exec</c>)
/// stop at the first positional argument so the container's own flags stay untouched.
/// </summary>
internal sealed class FlagSet
{
    private readonly List<Flag> _flags = [];

    public IReadOnlyList<Flag> Flags => _flags;

    public bool Interspersed { get; set; } = true;

    /// <summary>Deprecation warnings for flags that were used; the caller prints them to stderr.</summary>
    public List<string> Warnings { get; } = [];

    public T Add<T>(T flag) where T : Flag
    {
        _flags.Add(flag);
        return flag;
    }

    public BoolFlag Bool(string name, char? shorthand, string usage, bool defaultValue = false) => Add(new BoolFlag(name, shorthand, usage, defaultValue));

    public StringFlag String(string name, char? shorthand, string usage, string defaultValue = "", string typeName = "string") => Add(new StringFlag(name, shorthand, usage, defaultValue, typeName));

    public IntFlag Int(string name, char? shorthand, string usage, long defaultValue = 0, string typeName = "int") => Add(new IntFlag(name, shorthand, usage, defaultValue, typeName));

    public ListFlag List(string name, char? shorthand, string usage, string typeName = "list") => Add(new ListFlag(name, shorthand, usage, typeName));

    public Flag? Find(string name) => _flags.Find(f => f.Name == name);

    /// <summary>Parses <paramref name="args"/> and returns the positional arguments.</summary>
    public List<string> Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                positional.Add(arg);
                if (!Interspersed)
                {
                    positional.AddRange(args.Skip(i + 1));
                    break;
                }

                continue;
            }

            i = arg[1] == '-' ? ParseLong(args, i) : ParseShort(args, i);
        }

        return positional;
    }

    private int ParseLong(IReadOnlyList<string> args, int index)
    {
        var body = args[index][2..];
        var equals = body.IndexOf('=');
        var name = equals < 0 ? body : body[..equals];
        var flag = Find(name) ?? throw new FlagException($"unknown flag: --{name}");
        if (equals >= 0)
        {
            Set(flag, body[(equals + 1)..]);
        }
        else if (flag.IsBoolean)
        {
            Set(flag, "true");
        }
        else if (index + 1 < args.Count)
        {
            Set(flag, args[++index]);
        }
        else
        {
            throw new FlagException($"flag needs an argument: --{name}");
        }

        return index;
    }

    private int ParseShort(IReadOnlyList<string> args, int index)
    {
        var shorthands = args[index][1..];
        for (var position = 0; position < shorthands.Length; position++)
        {
            var letter = shorthands[position];
            var flag = _flags.Find(f => f.Shorthand == letter)
                ?? throw new FlagException($"unknown shorthand flag: '{letter}' in -{shorthands}");
            var rest = shorthands[(position + 1)..];
            if (rest.StartsWith('='))
            {
                Set(flag, rest[1..]);
                return index;
            }

            if (flag.IsBoolean)
            {
                Set(flag, "true");
                continue;
            }

            if (rest.Length > 0)
            {
                Set(flag, rest);
            }
            else if (index + 1 < args.Count)
            {
                Set(flag, args[++index]);
            }
            else
            {
                throw new FlagException($"flag needs an argument: '{letter}' in -{shorthands}");
            }

            return index;
        }

        return index;
    }

    private void Set(Flag flag, string value)
    {
        if (flag.Deprecated is { } replacement)
        {
            Warnings.Add($"Flag --{flag.Name} has been deprecated, {replacement}");
        }

        try
        {
            flag.Set(value);
        }
        catch (FormatException ex)
        {
            throw new FlagException($"invalid argument \"{value}\" for \"{flag.DisplayName}\" flag: {ex.Message}");
        }
    }
}
