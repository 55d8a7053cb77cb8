namespace Berth.IntegrationTests.Harness;

/// <summary>Where the repository's built programs and scripts are.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    public static string Berthd => Environment.GetEnvironmentVariable("BERTH_DAEMON") ?? Path.Combine(Root, "bin", "berthd");

    public static string Berth => Path.Combine(Root, "bin", "berth");

    public static string Script(string name) => Path.Combine(Root, "scripts", name);

    /// <summary>The real docker CLI, the reference client.</summary>
    public static string DockerCli =>
        new[] { "/usr/local/bin/docker", "/usr/bin/docker" }.FirstOrDefault(File.Exists) ?? "docker";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Berth.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("repository root (Berth.slnx) not found");
    }
}
