namespace Berth.IntegrationTests.Harness;

/// <summary>
/// An image of the test's own (busybox plus one committed layer), so pulls and pushes record
/// their tags and repo digests on it, never on the fixture's shared busybox image; removing it
/// removes them.
/// </summary>
public static class ScratchImage
{
    public static async Task<string> CreateAsync(DaemonFixture daemon, string name)
    {
        string container = "scratch-" + Guid.NewGuid().ToString("N")[..12];
        await daemon.DockerOk("run", "--name", container, "--network", "none", "busybox", "sh", "-c", "echo " + container + " > /scratch");
        try
        {
            await daemon.DockerOk("commit", container, name);
        }
        finally
        {
            await daemon.Docker("rm", "-f", container);
        }
        return name;
    }
}
