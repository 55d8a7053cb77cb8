using System.Text;
using System.Text.Json;
using Berth.Core.Images;
using Berth.Engine.Archive;

namespace Berth.Tests.Archive;

public sealed class LegacyImageJsonTests
{
    [Fact]
    public void The_config_digest_of_the_sample_is_its_id() =>
        Assert.Equal(DockerSaveSample.ConfigDigest, Digest.FromBytes(Encoding.UTF8.GetBytes(DockerSaveSample.Config)).ToString());

    [Fact]
    public void The_top_layer_v1_json_and_id_are_dockers()
    {
        using var config = JsonDocument.Parse(DockerSaveSample.Config);
        var (json, id) = LegacyImageJson.Build(config.RootElement, top: true, DockerSaveSample.DiffId, null);
        Assert.Equal(DockerSaveSample.V1Id, id);
        Assert.Equal(DockerSaveSample.V1Json, Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void Lower_layers_get_an_empty_config_at_the_epoch_and_name_their_parent()
    {
        using var config = JsonDocument.Parse(DockerSaveSample.Config);
        var (json, _) = LegacyImageJson.Build(config.RootElement, top: false, DockerSaveSample.DiffId, DockerSaveSample.V1Id);
        string text = Encoding.UTF8.GetString(json);
        Assert.StartsWith("{\"id\":\"", text);
        Assert.Contains("\"parent\":\"" + DockerSaveSample.V1Id[7..] + "\",\"created\":\"1970-01-01T00:00:00Z\",\"container_config\":{\"Hostname\":\"\"", text);
        Assert.EndsWith("\"Labels\":null},\"os\":\"linux\"}", text);
    }

    [Fact]
    public void Container_config_is_remarshalled_in_go_struct_order()
    {
        using var c = JsonDocument.Parse("""{"cmd":"sh","Labels":{"b":"2","a":"<&>"},"ExposedPorts":{"80/tcp":{}},"Healthcheck":{"Test":["CMD","true"],"Interval":1000000000,"Retries":0},"StopTimeout":5}""");
        string json = Encoding.UTF8.GetString(GoJson.Serialize(ContainerConfigJson.Convert(c.RootElement)));
        Assert.Equal("{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,"
            + "\"ExposedPorts\":{\"80/tcp\":{}},\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"sh\"],"
            + "\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],\"Interval\":1000000000},\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\","
            + "\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":\"2\"},\"StopTimeout\":5}", json);
    }

    [Theory]
    [InlineData("2026-11-22T13:31:02.782057956Z", "2026-11-22T13:31:02.782057956Z")]
    [InlineData("2024-01-01T00:00:00.500000000Z", "2024-01-01T00:00:00.5Z")]
    [InlineData("2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00Z")]
    [InlineData("2024-01-01T02:00:00.10+02:00", "2024-01-01T02:00:00.1+02:00")]
    public void Times_are_formatted_as_go_does(string input, string expected) => Assert.Equal(expected, LegacyImageJson.GoTime(input));
}
