using System.Text;
using System.Text.RegularExpressions;

namespace Berth.Core.Build;

/// <summary>
/// A <c>.dockerignore</c> file, matched as Docker's <c>patternmatcher</c> does: one pattern a line,
/// <c>#</c> comments, paths cleaned and relative to the context root, <c>*</c> and <c>?</c> within
/// one path component, <c>**</c> across any number of them; a pattern also excludes everything
/// under a directory it matches; <c>!pattern</c> re-includes; the last matching line wins. Pure:
/// both the client (packing a context) and the daemon (receiving one) use it.
/// </summary>
public sealed class IgnorePatterns
{
    private readonly List<(Regex Regex, bool Exclusion, string Pattern)> _patterns = [];

    public IgnorePatterns(string text)
    {
        foreach (string raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            bool exclusion = line[0] == '!';
            if (exclusion)
                line = line[1..].Trim();
            line = Clean(line);
            if (line.Length == 0)
                continue;
            _patterns.Add((Compile(line), exclusion, line));
        }
    }

    public bool IsEmpty => _patterns.Count == 0;

    /// <summary>True if any pattern is an exception (<c>!</c>): directories must then be walked even when excluded.</summary>
    public bool HasExceptions => _patterns.Any(p => p.Exclusion);

    /// <summary>True if the path (relative to the context, <c>/</c>-separated) is left out of the context.</summary>
    public bool Excludes(string path)
    {
        path = Clean(path);
        var parents = new List<string>();
        string[] parts = path.Split('/');
        for (int i = 1; i < parts.Length; i++)
            parents.Add(string.Join('/', parts[..i]));
        bool excluded = false;
        foreach (var (regex, exclusion, _) in _patterns)
        {
            if (excluded == !exclusion)
                continue; // this pattern cannot change the outcome
            bool match = regex.IsMatch(path) || parents.Any(regex.IsMatch);
            if (match)
                excluded = !exclusion;
        }
        return excluded;
    }

    /// <summary>Go's <c>filepath.Clean</c>, then without a leading <c>/</c>.</summary>
    private static string Clean(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
                parts.RemoveAt(parts.Count - 1);
            else if (part != "..")
                parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static Regex Compile(string pattern)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '*')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    i++;
                    // "**/" matches zero or more directories; a trailing "**" anything.
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                        sb.Append("(.*/)?");
                    }
                    else
                    {
                        sb.Append(".*");
                    }
                }
                else
                {
                    sb.Append("[^/]*");
                }
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else if (c == '[')
            {
                int end = pattern.IndexOf(']', i + 1);
                if (end < 0)
                {
                    sb.Append(@"\[");
                    continue;
                }
                string set = pattern[(i + 1)..end];
                if (set.StartsWith('!'))
                    set = "^" + set[1..];
                sb.Append('[').Append(set.Replace(@"\", @"\\")).Append(']');
                i = end;
            }
            else if (c == '\\' && i + 1 < pattern.Length)
            {
                sb.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }
        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
    }
}
