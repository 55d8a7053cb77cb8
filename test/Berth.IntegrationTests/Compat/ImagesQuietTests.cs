using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// <c>images -q</c> of an image with two tags. The daemon lists the image once with both tags;
/// docker 28's CLI prints one row per tag, so the ID twice, against real dockerd as against
/// berthd, and berth prints what docker prints.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class ImagesQuietTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task An_image_with_two_tags_is_printed_as_docker_prints_it()
    {
        await daemon.DockerOk("tag", "busybox:latest", "iq-second:tag");
        try
        {
            string id = await daemon.DockerOk("image", "inspect", "-f", "{{.Id}}", "busybox:latest");
            foreach (string[] args in new[] { new[] { "images", "-q", "--no-trunc" }, new[] { "images", "-q" }, new[] { "images", "--no-trunc", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}" } })
            {
                var docker = await daemon.Docker(args);
                var berth = await daemon.Berth(args);
                // Rows of images created in the same second come in an order docker's CLI does
                // not fix (it varies from run to run), so the rows are compared as a multiset.
                Assert.Equal(Rows(docker.Stdout), Rows(berth.Stdout));
            }
            Assert.Equal(2, (await daemon.DockerOk("images", "-q", "--no-trunc")).Split('\n').Count(l => l == id));
        }
        finally
        {
            await daemon.Docker("rmi", "iq-second:tag");
        }
    }

    private static IReadOnlyList<string> Rows(string output) => output.Split('\n').Order(StringComparer.Ordinal).ToList();
}
