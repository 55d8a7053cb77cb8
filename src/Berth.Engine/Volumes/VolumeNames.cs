using System.Text.RegularExpressions;
using Berth.Core.Errors;

namespace Berth.Engine.Volumes;

/// <summary>Volume names as the local driver accepts them, and the random names of anonymous volumes.</summary>
public static partial class VolumeNames
{
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex ValidName();

    /// <summary>Docker's refusals, without the "create NAME: " prefix the service adds.</summary>
    public static void Validate(string name)
    {
        if (name.Length == 1 && char.IsAsciiLetterOrDigit(name[0]))
            throw BerthException.Invalid("volume name is too short, names should be at least two alphanumeric characters");
        // The name is a directory's under volumes/: NAME_MAX bounds it.
        if (name.Length > 255)
            throw BerthException.Invalid("volume name is too long, names should be at most 255 characters");
        if (!ValidName().IsMatch(name))
            throw BerthException.Invalid($"\"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
    }

    /// <summary>64 hex digits, as Docker names anonymous volumes.</summary>
    public static string NewAnonymous() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
