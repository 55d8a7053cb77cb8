using System.Text.RegularExpressions;

namespace Berth.Engine.Registry;

/// <summary>The distribution spec's grammar for repository names and tags, checked before anything is looked up.</summary>
public static partial class RegistryNames
{
    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Repository();

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$")]
    private static partial Regex Tag();

    /// <summary>A repository name: at most 255 characters, as the spec's own limit.</summary>
    public static bool IsRepository(string name) => name.Length <= 255 && Repository().IsMatch(name);

    public static bool IsTag(string tag) => Tag().IsMatch(tag);
}
