using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// <c>--registry-mirror</c>: a pull of a Docker Hub name is served by the mirror (a local
/// docker-registry; the machine has no internet, so only the mirror can answer). A daemon of its own.
/// </summary>
public sealed class RegistryMirrorTests : IAsyncLifetime
{
    private readonly int _port = Random.Shared.Next(20000, 40000);
    private readonly DaemonFixture _daemon;

    public RegistryMirrorTests() => _daemon = new DaemonFixture { ExtraArgs = ["--registry-mirror", $"http://127.0.0.1:{_port}"] };

    public Task InitializeAsync() => _daemon.InitializeAsync();

    public Task DisposeAsync() => _daemon.DisposeAsync();

    [RequiresRootFact]
    public async Task Docker_hub_names_are_pulled_from_the_mirror()
    {
        if (!LocalRegistry.Available) return;
        await using var mirror = await LocalRegistry.StartAsync(_daemon, port: _port);
        await mirror.SeedAsync("busybox:latest", "library/reg-mirrored:v1");
        try
        {
            var pull = await _daemon.Docker("pull", "reg-mirrored:v1");
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Contains("Status: Downloaded newer image for reg-mirrored:v1", pull.Stdout);
            Assert.Equal("docker.io/library/reg-mirrored:v1", pull.Stdout.Trim().Split('\n')[^1]);
            Assert.Equal("mirrored", await _daemon.DockerOk("run", "--rm", "--network", "none", "reg-mirrored:v1", "echo", "mirrored"));
        }
        finally
        {
            await _daemon.Docker("rmi", "-f", "reg-mirrored:v1");
        }
    }
}
