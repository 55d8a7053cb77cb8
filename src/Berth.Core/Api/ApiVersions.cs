namespace Berth.Core.Api;

/// <summary>
/// The order of Engine API version strings ("1.9" &lt; "1.24" &lt; "1.47"), for the daemon's
/// accepted range and the client's negotiation alike. Components compare as numbers of any
/// length; a missing or non-numeric component counts as 0.
/// </summary>
public static class ApiVersions
{
    public static int Compare(string left, string right)
    {
        string[] a = left.Split('.'), b = right.Split('.');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            int order = CompareNumbers(Number(a, i), Number(b, i));
            if (order != 0)
                return order;
        }
        return 0;
    }

    // Digits without leading zeros; "0" for anything else. Compared as text: no overflow.
    private static string Number(string[] parts, int i)
    {
        string part = i < parts.Length ? parts[i] : "";
        if (part.Length == 0 || !part.All(char.IsAsciiDigit))
            return "0";
        string trimmed = part.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    private static int CompareNumbers(string x, string y) =>
        x.Length != y.Length ? x.Length.CompareTo(y.Length) : Math.Sign(string.CompareOrdinal(x, y));
}
