using Berth.Core.Containers;
using Berth.Core.Images;
using Berth.Engine.Containers;

namespace Berth.Tests.Containers;

/// <summary>Create fills what the client left unset from the image's config, into a new record.</summary>
public sealed class ImageDefaultsTests
{
    private static readonly Image s_image = new()
    {
        Id = "sha256:" + new string('a', 64), DiffIds = [], Created = DateTime.UnixEpoch, Size = 0,
        Config = """
            {"config":{"Env":["PATH=/bin","A=1"],"Cmd":["sh"],"WorkingDir":"/w","User":"nobody",
              "Labels":{"x":"1","y":"image"},"ExposedPorts":{"80/tcp":{}},"Healthcheck":{"Test":["CMD","true"]}}}
            """u8.ToArray(),
    };

    [Fact]
    public void The_image_fills_the_gaps_and_the_clients_record_is_left_as_it_was()
    {
        var given = new ContainerConfig { Image = "img", Env = ["A=2"], Labels = new Dictionary<string, string> { ["y"] = "client" } };

        var merged = ContainerService.MergeImageConfig(given, s_image);

        Assert.Equal(["A=2", "PATH=/bin"], merged.Env);
        Assert.Equal(["sh"], merged.Cmd);
        Assert.Equal(("/w", "nobody"), (merged.WorkingDir, merged.User));
        Assert.Equal(new Dictionary<string, string> { ["x"] = "1", ["y"] = "client" }, merged.Labels);
        Assert.Equal(["80/tcp"], merged.ExposedPorts!.Keys);
        Assert.NotNull(merged.Healthcheck);

        Assert.Equal(["A=2"], given.Env);
        Assert.Null(given.Cmd);
        Assert.Equal(("", ""), (given.WorkingDir, given.User));
        Assert.Equal(["y"], given.Labels!.Keys);
        Assert.Null(given.ExposedPorts);
        Assert.Null(given.Healthcheck);
    }

    [Fact]
    public void An_explicit_empty_entrypoint_stays_empty_and_takes_the_images_cmd()
    {
        var merged = ContainerService.MergeImageConfig(new ContainerConfig { Image = "img", Entrypoint = [""] }, s_image);
        Assert.Equal([], merged.Entrypoint!);
        Assert.Equal(["sh"], merged.Cmd);
    }
}
