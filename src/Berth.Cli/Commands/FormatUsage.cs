namespace Berth.Cli.Commands;

/// <summary>The shared help texts of <c>--format</c> and <c>--filter</c> flags.</summary>
internal static class FormatUsage
{
    public const string Table = "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

    public const string Inspect = "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

    /// <summary>Validates <c>name=value</c> at parse time, as docker's filter option type does.</summary>
    public static string ValidateFilter(string value)
        => value.Contains('=') ? value : throw new FormatException("bad format of filter (expected name=value)");
}
