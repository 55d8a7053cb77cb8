namespace Berth.Cli.Containers;

/// <summary>
/// <c>-e</c> and <c>--env-file</c> values as docker resolves them: <c>NAME</c> without a value
/// takes the caller's variable when set; env files skip blank lines and <c>#</c> comments.
/// </summary>
internal static class EnvironmentList
{
    public static List<string> Resolve(IEnumerable<string> files, IEnumerable<string> values, Func<string, string?> environment, Func<string, string[]> readLines)
    {
        var result = new List<string>();
        foreach (var file in files)
        {
            foreach (var raw in readLines(file))
            {
                var line = raw.TrimStart();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                result.Add(Expand(line, environment));
            }
        }

        result.AddRange(values.Select(v => Expand(v, environment)));
        return result;
    }

    /// <summary>Labels: <c>--label-file</c> lines then <c>-l</c> values, "key" alone meaning an empty value.</summary>
    public static List<KeyValuePair<string, string>> Labels(IEnumerable<string> files, IEnumerable<string> values, Func<string, string[]> readLines)
    {
        var lines = files.SelectMany(readLines).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Concat(values);
        return lines.Select(l => l.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p.Length > 1 ? p[1] : string.Empty)).ToList();
    }

    private static string Expand(string entry, Func<string, string?> environment)
    {
        if (entry.Contains('='))
        {
            if (entry.StartsWith('='))
            {
                throw new FormatException($"invalid environment variable: {entry}");
            }

            return entry;
        }

        return environment(entry) is { } value ? entry + "=" + value : entry;
    }
}
