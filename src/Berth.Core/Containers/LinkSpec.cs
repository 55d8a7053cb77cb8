namespace Berth.Core.Containers;

/// <summary>A <c>--link</c>: the container linked to and the name it goes by in the linking one.</summary>
public readonly record struct LinkSpec(string Target, string Alias)
{
    /// <summary>TARGET[:ALIAS] as given, or <c>/TARGET:/NAME/ALIAS</c> as stored.</summary>
    public static LinkSpec Parse(string link)
    {
        string[] parts = link.Split(':', 2);
        string target = parts[0].TrimStart('/');
        string alias = parts.Length == 2 && parts[1].Length > 0 ? parts[1][(parts[1].LastIndexOf('/') + 1)..] : target;
        return new LinkSpec(target, alias);
    }
}
