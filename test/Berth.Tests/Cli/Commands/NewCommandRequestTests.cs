using System.Text;
using System.Text.Json;
using Berth.Cli.Commands;
using Berth.Cli.Flags;

namespace Berth.Tests.Cli.Commands;

/// <summary>Flag parsing into the request bodies of exec, network create/connect and update.</summary>
public sealed class NewCommandRequestTests
{
    private static T Parse<T>(T command, params string[] args) where T : Command
    {
        var flags = new FlagSet { Interspersed = command.Interspersed };
        command.DefineFlags(flags);
        flags.Parse(args);
        return command;
    }

    [Fact]
    public void Exec_attaches_output_unless_detached_and_stdin_only_with_i()
    {
        var exec = Parse(new ExecCommand(), "-i", "-t", "-e", "A=1", "-u", "nobody", "-w", "/tmp", "--privileged");
        var body = JsonDocument.Parse(exec.BuildRequest(["sh", "-c", "true"], _ => null, (30, 100)).ToJson()).RootElement;
        Assert.True(body.GetProperty("AttachStdin").GetBoolean());
        Assert.True(body.GetProperty("AttachStdout").GetBoolean());
        Assert.True(body.GetProperty("Tty").GetBoolean());
        Assert.True(body.GetProperty("Privileged").GetBoolean());
        Assert.Equal("nobody", body.GetProperty("User").GetString());
        Assert.Equal("/tmp", body.GetProperty("WorkingDir").GetString());
        Assert.Equal("[30,100]", body.GetProperty("ConsoleSize").GetRawText());
        Assert.Equal("[\"A=1\"]", body.GetProperty("Env").GetRawText());
        Assert.Equal("[\"sh\",\"-c\",\"true\"]", body.GetProperty("Cmd").GetRawText());

        var detached = JsonDocument.Parse(Parse(new ExecCommand(), "-d", "-i").BuildRequest(["true"], _ => null, null).ToJson()).RootElement;
        Assert.False(detached.GetProperty("AttachStdin").GetBoolean());
        Assert.False(detached.GetProperty("AttachStdout").GetBoolean());
        Assert.False(detached.TryGetProperty("ConsoleSize", out _));
    }

    [Fact]
    public void Network_create_pairs_ranges_and_gateways_with_subnets()
    {
        var create = Parse(new NetworkCreateCommand(), "--subnet", "10.1.0.0/16,10.2.0.0/24", "--gateway", "10.2.0.1", "--ip-range", "10.1.5.0/24",
            "--internal", "--label", "a=b", "-o", "k=v", "--ipv6");
        var body = JsonDocument.Parse(create.BuildRequest("n")).RootElement;
        Assert.Equal("bridge", body.GetProperty("Driver").GetString());
        Assert.True(body.GetProperty("Internal").GetBoolean());
        Assert.True(body.GetProperty("EnableIPv6").GetBoolean());
        Assert.False(body.TryGetProperty("EnableIPv4", out _));
        Assert.Equal("{\"a\":\"b\"}", body.GetProperty("Labels").GetRawText());
        Assert.Equal("{\"k\":\"v\"}", body.GetProperty("Options").GetRawText());
        Assert.Equal("[{\"Subnet\":\"10.1.0.0/16\",\"IPRange\":\"10.1.5.0/24\"},{\"Subnet\":\"10.2.0.0/24\",\"Gateway\":\"10.2.0.1\"}]",
            body.GetProperty("IPAM").GetProperty("Config").GetRawText());
    }

    [Theory]
    [InlineData("every ip-range or gateway must have a corresponding subnet", "--gateway", "10.0.0.1")]
    [InlineData("no matching subnet for gateway 10.9.9.1", "--subnet", "10.0.0.0/24", "--gateway", "10.9.9.1")]
    [InlineData("multiple overlapping subnet configuration is not supported", "--subnet", "10.0.0.0/16", "--subnet", "10.0.1.0/24")]
    public void Network_create_refuses_what_docker_refuses(string message, params string[] args)
        => Assert.Equal(message, Assert.Throws<FormatException>(() => Parse(new NetworkCreateCommand(), args).BuildRequest("n")).Message);

    [Fact]
    public void Network_connect_sends_ip_and_aliases()
    {
        var connect = Parse(new NetworkConnectCommand(), "--ip", "10.0.0.5", "--alias", "a,b", "--alias", "c");
        Assert.Equal("{\"Container\":\"c1\",\"EndpointConfig\":{\"IPAMConfig\":{\"IPv4Address\":\"10.0.0.5\"},\"Aliases\":[\"a\",\"b\",\"c\"]}}",
            Encoding.UTF8.GetString(connect.BuildRequest("c1")));
    }

    [Fact]
    public void Update_sends_only_changed_resources()
    {
        var update = Parse(new UpdateCommand(), "-m", "64m", "--cpus", "1.5", "--pids-limit", "-1", "--restart", "on-failure:2");
        Assert.Equal("{\"NanoCpus\":1500000000,\"Memory\":67108864,\"PidsLimit\":-1,\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":2}}",
            Encoding.UTF8.GetString(update.BuildRequest()));
    }
}
