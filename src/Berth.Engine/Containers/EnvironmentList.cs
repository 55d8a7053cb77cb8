namespace Berth.Engine.Containers;

/// <summary>Environment lists (<c>KEY=value</c>): later entries replace earlier ones with the same key.</summary>
internal static class EnvironmentList
{
    public static List<string> Merge(IEnumerable<string> first, IEnumerable<string> overrides)
    {
        var env = new List<string>(first);
        foreach (string e in overrides)
        {
            string key = e.Split('=', 2)[0];
            env.RemoveAll(x => x.Split('=', 2)[0] == key);
            env.Add(e);
        }
        return env;
    }
}
