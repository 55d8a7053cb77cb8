namespace Berth.Cli.Flags;

/// <summary>Bad command line: unknown flag, missing or invalid value. docker exits 125 for these.</summary>
internal sealed class FlagException(string message) : Exception(message);
