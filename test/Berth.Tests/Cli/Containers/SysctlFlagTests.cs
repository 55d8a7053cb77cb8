using System.Text.Json;
using Berth.Cli.Containers;
using Berth.Cli.Flags;

namespace Berth.Tests.Cli.Containers;

public sealed class SysctlFlagTests
{
    private static JsonElement HostConfig(params string[] args) => RunFlags.HostConfig(args);

    [Fact]
    public void Namespaced_sysctls_are_sent_as_the_Sysctls_map()
    {
        var host = HostConfig("--sysctl", "net.ipv4.ip_forward=1", "--sysctl", "kernel.shmmax=123456",
            "--sysctl", "fs.mqueue.msg_max=20", "--sysctl", "net.ipv4.ip_local_port_range=1024 65000", "--sysctl", "kernel.sem=a=b");
        Assert.Equal(
            """{"net.ipv4.ip_forward":"1","kernel.shmmax":"123456","fs.mqueue.msg_max":"20","net.ipv4.ip_local_port_range":"1024 65000","kernel.sem":"a=b"}""",
            host.GetProperty("Sysctls").GetRawText());
    }

    [Theory]
    [InlineData("kernel.msgmax=1")]
    [InlineData("kernel.msgmnb=1")]
    [InlineData("kernel.msgmni=1")]
    [InlineData("kernel.shmall=1")]
    [InlineData("kernel.shmmni=1")]
    [InlineData("kernel.shm_rmid_forced=1")]
    [InlineData("net.core.somaxconn=1024")]
    [InlineData("fs.mqueue.queues_max=1")]
    public void Ipc_and_network_parameters_are_allowed(string value) => Assert.Equal(value, SysctlFlag.Validate(value));

    [Theory]
    [InlineData("kernel.domainname=foo")]
    [InlineData("vm.swappiness=10")]
    [InlineData("kernel.foo=1")]
    [InlineData("fs.file-max=1")]
    [InlineData("foo")]
    [InlineData("kernel.msgmax")]
    [InlineData("net.ipv4.ip_forward")]
    [InlineData("=1")]
    public void Other_parameters_are_refused_in_dockers_words(string value)
    {
        var e = Assert.Throws<FlagException>(() => HostConfig("--sysctl", value));
        Assert.Equal($"invalid argument \"{value}\" for \"--sysctl\" flag: sysctl '{value}' is not allowed", e.Message);
    }
}
