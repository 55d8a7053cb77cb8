namespace Berth.Tests;

/// <summary>A unit test that needs root (device nodes, ownership, xattrs): skipped otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
            Skip = "needs root";
    }
}
