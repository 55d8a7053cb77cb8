namespace Berth.IntegrationTests.Harness;

/// <summary>The one guard for tests that need root (namespaces, mounts, runc): skipped otherwise.</summary>
public sealed class RequiresRootFactAttribute : FactAttribute
{
    public RequiresRootFactAttribute()
    {
        if (Environment.UserName != "root")
            Skip = "needs root: starts a real berthd with runc, conmon and overlayfs";
        else if (!File.Exists(Repo.Berthd))
            Skip = $"{Repo.Berthd} not built: run `make`";
    }
}
