namespace Berth.IntegrationTests.Harness;

/// <summary>The one guard for tests that need root (namespaces, mounts, runc): skipped otherwise.</summary>
public sealed class RequiresRootFactAttribute : FactAttribute
{
    public RequiresRootFactAttribute() => Skip = SkipReason();

    /// <summary>Why a root test cannot run here, or null when it can.</summary>
    internal static string? SkipReason() =>
        Environment.UserName != "root" ? "needs root: starts a real berthd with runc, conmon and overlayfs"
        : !File.Exists(Repo.Berthd) ? $"{Repo.Berthd} not built: run `make`"
        : null;
}
