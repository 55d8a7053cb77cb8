namespace Berth.Engine.Containers;

/// <summary>Environment lists (<c>KEY=value</c>, or a bare <c>KEY</c>: unset it) combined as Docker combines them.</summary>
internal static class EnvironmentList
{
    /// <summary>Later entries replace earlier ones with the same key, moved to the end (the builder's args).</summary>
    public static List<string> Merge(IEnumerable<string> first, IEnumerable<string> overrides)
    {
        var env = new List<string>(first);
        foreach (string e in overrides)
        {
            string key = Key(e);
            env.RemoveAll(x => Key(x) == key);
            env.Add(e);
        }
        return env;
    }

    /// <summary>
    /// A container's <c>Config.Env</c> at create, as dockerd merges it: the client's entries
    /// first, as sent (a bare <c>KEY</c> included), then the image's whose key the client did not give.
    /// </summary>
    public static List<string> WithImageDefaults(IReadOnlyList<string> user, IReadOnlyList<string> image)
    {
        if (user.Count == 0)
            return [.. image];
        var given = user.Select(Key).ToHashSet(StringComparer.Ordinal);
        return [.. user, .. image.Where(e => !given.Contains(Key(e)))];
    }

    /// <summary>
    /// A process's environment, as moby's ReplaceOrAppendEnvValues: an override of a key in
    /// <paramref name="defaults"/> takes its place, a bare <c>KEY</c> removes it, anything else
    /// is appended. Only the defaults' keys are matched, so overrides never replace each other.
    /// </summary>
    public static List<string> ReplaceOrAppend(IEnumerable<string> defaults, IEnumerable<string> overrides)
    {
        var env = new List<string?>(defaults);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < env.Count; i++)
            index[Key(env[i]!)] = i;
        foreach (string e in overrides)
        {
            bool exists = index.TryGetValue(Key(e), out int at);
            if (!e.Contains('='))
            {
                if (exists)
                    env[at] = null;
            }
            else if (exists)
                env[at] = e;
            else
                env.Add(e);
        }
        return env.OfType<string>().ToList();
    }

    private static string Key(string entry) => entry.Split('=', 2)[0];
}
