using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// A registry over TLS on an address that is not insecure: its self-signed CA is refused until
/// it is put in <c>/etc/berth/certs.d/HOST:PORT/ca.crt</c>, dockerd's certs.d layout.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class PullTlsTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Pull_verifies_tls_with_the_certs_d_ca()
    {
        if (!LocalRegistry.Available) return;
        await using var registry = await LocalRegistry.StartAsync(daemon, tls: true);
        await ScratchImage.CreateAsync(daemon, "tls-seed:1");
        await registry.SeedAsync("tls-seed:1", "tls/bb:1");
        await daemon.DockerOk("rmi", "tls-seed:1");
        string name = registry.Host + "/tls/bb:1";
        string certs = Path.Combine("/etc/berth/certs.d", registry.Host);
        try
        {
            var untrusted = await daemon.Docker("pull", name);
            Assert.Equal(1, untrusted.ExitCode);
            Assert.Contains($"https://{registry.Host}/v2/", untrusted.Stderr);

            Directory.CreateDirectory(certs);
            File.Copy(registry.CaFile, Path.Combine(certs, "ca.crt"));
            var pull = await daemon.Docker("pull", name);
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Contains($"Status: Downloaded newer image for {name}", pull.Stdout);
        }
        finally
        {
            await daemon.Docker("rmi", name);
            if (Directory.Exists(certs))
                Directory.Delete(certs, recursive: true);
            if (Directory.Exists("/etc/berth/certs.d") && !Directory.EnumerateFileSystemEntries("/etc/berth/certs.d").Any())
                Directory.Delete("/etc/berth/certs.d");
        }
    }
}
