namespace Berth.Engine.Distribution;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header (RFC 7235): a scheme and its parameters,
/// <c>Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"</c>.
/// Parameter names are case-insensitive; quoted values may hold commas and <c>\"</c>.
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? this[string name] => Parameters.TryGetValue(name, out var v) ? v : null;

    public bool IsBearer => Scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase);
    public bool IsBasic => Scheme.Equals("basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>All challenges in one header value; malformed tails are dropped, not thrown.</summary>
    public static IReadOnlyList<AuthChallenge> Parse(string header)
    {
        var challenges = new List<AuthChallenge>();
        int i = 0;
        string? scheme = null;
        Dictionary<string, string>? parameters = null;
        while (i < header.Length)
        {
            SkipSeparators(header, ref i);
            string token = ReadToken(header, ref i);
            if (token.Length == 0)
            {
                i++; // not a token character: skip it
                continue;
            }
            SkipSpaces(header, ref i);
            if (i < header.Length && header[i] == '=' && scheme is not null)
            {
                i++;
                SkipSpaces(header, ref i);
                parameters![token] = i < header.Length && header[i] == '"' ? ReadQuoted(header, ref i) : ReadToken(header, ref i);
            }
            else
            {
                if (scheme is not null)
                    challenges.Add(new AuthChallenge(scheme, parameters!));
                scheme = token;
                parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }
        }
        if (scheme is not null)
            challenges.Add(new AuthChallenge(scheme, parameters!));
        return challenges;
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t')
            i++;
    }

    private static void SkipSeparators(string s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or ',')
            i++;
    }

    private static string ReadToken(string s, ref int i)
    {
        int start = i;
        while (i < s.Length && s[i] is not (' ' or '\t' or ',' or '=' or '"'))
            i++;
        return s[start..i];
    }

    private static string ReadQuoted(string s, ref int i)
    {
        var value = new System.Text.StringBuilder();
        i++; // opening quote
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] == '\\' && i + 1 < s.Length)
                i++;
            value.Append(s[i++]);
        }
        i++; // closing quote
        return value.ToString();
    }
}
