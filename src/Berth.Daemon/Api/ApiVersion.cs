namespace Berth.Daemon.Api;

/// <summary>The Engine API versions berthd speaks.</summary>
internal static class ApiVersion
{
    public const string Current = "1.47";
    public const string Minimum = "1.24";
    public const string EngineVersion = "0.1.0";

    public static int Compare(string a, string b)
    {
        var (am, an) = Split(a);
        var (bm, bn) = Split(b);
        return am != bm ? am.CompareTo(bm) : an.CompareTo(bn);
    }

    private static (int, int) Split(string v)
    {
        string[] parts = v.Split('.');
        return (int.Parse(parts[0]), parts.Length > 1 ? int.Parse(parts[1]) : 0);
    }
}
