using System.Text.RegularExpressions;
using Berth.Core.Errors;

namespace Berth.Engine.Containers;

/// <summary>Container names and IDs as the Engine API accepts them.</summary>
public static partial class ContainerNames
{
    [GeneratedRegex("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex ValidName();

    /// <summary>The name without a leading slash; refuses what Docker refuses.</summary>
    public static string Validate(string name)
    {
        if (!ValidName().IsMatch(name))
            throw BerthException.Invalid($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        return name.TrimStart('/');
    }

    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
