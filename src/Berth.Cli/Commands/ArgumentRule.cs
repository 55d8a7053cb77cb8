namespace Berth.Cli.Commands;

/// <summary>How many positional arguments a command takes, with docker's wording when violated.</summary>
internal sealed record ArgumentRule(int Min, int Max)
{
    public static readonly ArgumentRule None = new(0, 0);
    public static readonly ArgumentRule Any = new(0, int.MaxValue);
    public static readonly ArgumentRule AtLeastOne = new(1, int.MaxValue);
    public static readonly ArgumentRule ExactlyOne = new(1, 1);

    public static ArgumentRule Exactly(int count) => new(count, count);

    public static ArgumentRule AtLeast(int count) => new(count, int.MaxValue);

    /// <summary>The first line of the error, or null when <paramref name="count"/> is acceptable.</summary>
    public string? Check(string commandPath, int count, out bool seeHelp)
    {
        // docker says "See ... --help" for minimum-count errors and "Run ... --help" otherwise.
        seeHelp = false;
        if (count >= Min && count <= Max)
        {
            return null;
        }

        if (Max == 0)
        {
            return $"'{commandPath}' accepts no arguments";
        }

        if (Min == Max)
        {
            return $"'{commandPath}' requires {Min} {Plural(Min)}";
        }

        seeHelp = true;
        if (Max == int.MaxValue)
        {
            return $"'{commandPath}' requires at least {Min} {Plural(Min)}";
        }

        return count < Min
            ? $"'{commandPath}' requires at least {Min} and at most {Max} {Plural(Max)}"
            : $"'{commandPath}' requires at most {Max} {Plural(Max)}";
    }

    private static string Plural(int count) => count == 1 ? "argument" : "arguments";
}
