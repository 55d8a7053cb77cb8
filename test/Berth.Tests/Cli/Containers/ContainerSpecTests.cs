using System.Text.Json;
using Berth.Cli.Containers;
using Berth.Cli.Flags;

namespace Berth.Tests.Cli.Containers;

public sealed class ContainerSpecTests
{
    private static (ContainerSpec Spec, JsonElement Body) Build(bool detach, params string[] args)
    {
        var flags = new FlagSet { Interspersed = false };
        var container = new ContainerFlags(flags);
        var rest = flags.Parse(args);
        var spec = ContainerSpecBuilder.Build(container, rest[0], rest.Skip(1).ToList(), detach, name => name == "HOME" ? "/root" : null);
        return (spec, JsonDocument.Parse(spec.Body).RootElement);
    }

    [Fact]
    public void DefaultRunAttachesOutput()
    {
        var (spec, body) = Build(false, "busybox", "echo", "hi");
        Assert.True(spec.AttachStdout && spec.AttachStderr && !spec.AttachStdin);
        Assert.Equal("busybox", body.GetProperty("Image").GetString());
        Assert.Equal("[\"echo\",\"hi\"]", body.GetProperty("Cmd").GetRawText());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("Entrypoint").ValueKind);
        Assert.Equal("default", body.GetProperty("HostConfig").GetProperty("NetworkMode").GetString());
    }

    [Fact]
    public void SystempathsUnconfinedSendsEmptyPathListsInsteadOfTheOption()
    {
        var host = Build(true, "--security-opt", "systempaths=unconfined", "--security-opt", "no-new-privileges", "busybox").Body.GetProperty("HostConfig");
        Assert.Equal("""["no-new-privileges"]""", host.GetProperty("SecurityOpt").GetRawText());
        Assert.Equal("[]", host.GetProperty("MaskedPaths").GetRawText());
        Assert.Equal("[]", host.GetProperty("ReadonlyPaths").GetRawText());
        Assert.False(Build(true, "busybox").Body.GetProperty("HostConfig").TryGetProperty("MaskedPaths", out _));
    }

    [Fact]
    public void InteractiveSetsStdinOnce()
    {
        var (spec, body) = Build(false, "-i", "busybox");
        Assert.True(spec.AttachStdin);
        Assert.True(body.GetProperty("OpenStdin").GetBoolean());
        Assert.True(body.GetProperty("StdinOnce").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("Cmd").ValueKind);
    }

    [Fact]
    public void DetachedAttachesNothing()
    {
        var (spec, _) = Build(true, "-i", "busybox");
        Assert.False(spec.AttachStdin || spec.AttachStdout || spec.AttachStderr);
    }

    [Fact]
    public void EnvironmentLabelsAndHostConfig()
    {
        var (_, body) = Build(false, "-e", "A=1", "-e", "HOME", "-e", "UNSET", "-l", "k=v", "-l", "flag", "--rm", "--init", "--privileged",
            "--cap-add", "NET_ADMIN", "-m", "64m", "--cpus", "1.5", "-v", "/src:/dst:ro", "-v", "/anon", "-p", "127.0.0.1:8080:80",
            "--restart", "no", "--stop-signal", "SIGUSR1", "--stop-timeout", "3", "--entrypoint", "", "-w", "/w", "-u", "1:2", "-h", "box", "busybox");
        Assert.Equal("[\"A=1\",\"HOME=/root\",\"UNSET\"]", body.GetProperty("Env").GetRawText());
        Assert.Equal("{\"k\":\"v\",\"flag\":\"\"}", body.GetProperty("Labels").GetRawText());
        Assert.Equal("[\"\"]", body.GetProperty("Entrypoint").GetRawText());
        Assert.Equal("SIGUSR1", body.GetProperty("StopSignal").GetString());
        Assert.Equal(3, body.GetProperty("StopTimeout").GetInt32());
        Assert.Equal("{\"/anon\":{}}", body.GetProperty("Volumes").GetRawText());
        Assert.Equal("{\"80/tcp\":{}}", body.GetProperty("ExposedPorts").GetRawText());
        var host = body.GetProperty("HostConfig");
        Assert.True(host.GetProperty("AutoRemove").GetBoolean());
        Assert.True(host.GetProperty("Init").GetBoolean());
        Assert.True(host.GetProperty("Privileged").GetBoolean());
        Assert.Equal(64L << 20, host.GetProperty("Memory").GetInt64());
        Assert.Equal(1_500_000_000, host.GetProperty("NanoCpus").GetInt64());
        Assert.Equal("[\"/src:/dst:ro\"]", host.GetProperty("Binds").GetRawText());
        Assert.Equal("[\"NET_ADMIN\"]", host.GetProperty("CapAdd").GetRawText());
        Assert.Equal("{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8080\"}]}", host.GetProperty("PortBindings").GetRawText());
    }

    [Fact]
    public void RestartConflictsWithRm()
        => Assert.Equal("conflicting options: cannot specify both --restart and --rm", Assert.Throws<FormatException>(() => Build(false, "--rm", "--restart", "always", "busybox")).Message);

    [Theory]
    [InlineData("on-failure:3", "on-failure", 3)]
    [InlineData("unless-stopped", "unless-stopped", 0)]
    public void RestartPolicies(string value, string name, int retries)
    {
        var policy = Build(false, "--restart", value, "busybox").Body.GetProperty("HostConfig").GetProperty("RestartPolicy");
        Assert.Equal(name, policy.GetProperty("Name").GetString());
        Assert.Equal(retries, policy.GetProperty("MaximumRetryCount").GetInt32());
    }
}
