using Berth.Cli.Contexts;

namespace Berth.Tests.Cli;

public sealed class ContextStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Contexts_live_under_the_sha256_of_their_name_as_the_docker_cli_keeps_them()
    {
        // The directory is the hex sha256 of the name, as the docker CLI names it.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("remote"u8)), ContextStore.Id("remote"));
        var store = new ContextStore(_dir.Path);
        store.Create(new DockerContext("remote", "a daemon", "tcp://10.0.0.1:2376", false), null, null, null);
        string meta = File.ReadAllText(Path.Combine(_dir.Path, "contexts", "meta", ContextStore.Id("remote"), "meta.json"));
        Assert.Equal("""{"Name":"remote","Metadata":{"Description":"a daemon"},"Endpoints":{"docker":{"Host":"tcp://10.0.0.1:2376","SkipTLSVerify":false}}}""", meta);
        Assert.Equal(new DockerContext("remote", "a daemon", "tcp://10.0.0.1:2376", false), Assert.Single(store.List()));
        Assert.Null(store.Tls(store.Find("remote")!));

        Assert.Equal(ContextStore.Default, store.Current);
        File.WriteAllText(Path.Combine(_dir.Path, "config.json"), """{"auths": {"r.example": {"auth": "eDp5"}}}""");
        store.Current = "remote";
        Assert.Equal("remote", store.Current);
        Assert.Contains("r.example", File.ReadAllText(Path.Combine(_dir.Path, "config.json"))); // other keys kept
        store.Current = ContextStore.Default;
        Assert.DoesNotContain("currentContext", File.ReadAllText(Path.Combine(_dir.Path, "config.json")));
        store.Remove("remote");
        Assert.Empty(store.List());
    }
}
