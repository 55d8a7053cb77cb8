using System.Text.Json.Nodes;
using Berth.Core.Errors;
using Berth.Engine.Images;

namespace Berth.Tests.Images;

public sealed class ImageConfigChangesTests
{
    private static JsonObject Apply(params string[] changes)
    {
        var config = new JsonObject();
        ImageConfigChanges.Apply(config, changes);
        return config;
    }

    [Fact]
    public void Cmd_in_json_and_shell_form()
    {
        Assert.Equal("[\"sh\"]", Apply("CMD [\"sh\"]")["Cmd"]!.ToJsonString());
        Assert.Equal("[\"/bin/sh\",\"-c\",\"echo hi\"]", Apply("CMD echo hi")["Cmd"]!.ToJsonString());
    }

    [Fact]
    public void Env_label_expose_workdir_user()
    {
        var c = Apply("ENV A=1 B=2", "ENV A=3", "LABEL team=berth", "EXPOSE 80 53/udp", "WORKDIR /app", "USER nobody");
        Assert.Equal("[\"B=2\",\"A=3\"]", c["Env"]!.ToJsonString());
        Assert.Equal("berth", c["Labels"]!["team"]!.GetValue<string>());
        Assert.Equal("{\"80/tcp\":{},\"53/udp\":{}}", c["ExposedPorts"]!.ToJsonString());
        Assert.Equal("/app", c["WorkingDir"]!.GetValue<string>());
        Assert.Equal("nobody", c["User"]!.GetValue<string>());
    }

    [Fact]
    public void Unknown_instructions_are_refused() =>
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => Apply("RUN rm -rf /")).Kind);
}
