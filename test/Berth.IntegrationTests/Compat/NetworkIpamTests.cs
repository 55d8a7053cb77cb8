using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// <c>network create</c>'s IPAM settings beside the subnet (<c>--ip-range</c>,
/// <c>--aux-address</c>) and names dockerd takes that are no container's (spaces, slashes).
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class NetworkIpamTests(DaemonFixture daemon)
{
    private Task<string> Run(params string[] args) => daemon.DockerOk(args);

    private const string AddressOnNet = "{{(index .NetworkSettings.Networks \"ipamt-net\").IPAddress}}";

    [RequiresRootFact]
    public async Task Addresses_come_from_the_ip_range_and_never_are_auxiliary_ones()
    {
        await Run("network", "create", "--subnet", "10.94.7.0/24", "--ip-range", "10.94.7.128/28",
            "--aux-address", "a=10.94.7.129", "--aux-address", "b=10.94.7.5", "ipamt-net");
        try
        {
            Assert.Equal("""[{"Subnet":"10.94.7.0/24","IPRange":"10.94.7.128/28","AuxiliaryAddresses":{"a":"10.94.7.129","b":"10.94.7.5"}}]""",
                await Run("network", "inspect", "-f", "{{json .IPAM.Config}}", "ipamt-net"));
            await Run("run", "-d", "--name", "ipamt-1", "--network", "ipamt-net", "busybox", "sleep", "300");
            await Run("run", "-d", "--name", "ipamt-2", "--network", "ipamt-net", "busybox", "sleep", "300");
            Assert.Equal("10.94.7.130", await Run("inspect", "-f", AddressOnNet, "ipamt-1"));
            Assert.Equal("10.94.7.131", await Run("inspect", "-f", AddressOnNet, "ipamt-2"));

            foreach (string aux in (string[])["10.94.7.129", "10.94.7.5"])
            {
                var r = await daemon.Docker("run", "--rm", "--network", "ipamt-net", "--ip", aux, "busybox", "true");
                Assert.Contains("Address already in use", r.Stderr);
            }
            // A fixed address may be any of the subnet's, as Docker's, not only the range's.
            await Run("run", "-d", "--name", "ipamt-3", "--network", "ipamt-net", "--ip", "10.94.7.6", "busybox", "sleep", "300");
            Assert.Equal("10.94.7.6", await Run("inspect", "-f", AddressOnNet, "ipamt-3"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "ipamt-1", "ipamt-2", "ipamt-3");
            await daemon.Docker("network", "rm", "ipamt-net");
        }
    }

    [RequiresRootFact]
    public async Task Auxiliary_addresses_and_ranges_outside_the_subnet_are_refused()
    {
        using var client = daemon.CreateHttpClient();
        var aux = await client.PostAsync("/v1.41/networks/create", new StringContent(
            """{"Name":"ipamt-bad","IPAM":{"Config":[{"Subnet":"10.94.8.0/24","AuxiliaryAddresses":{"x":"10.94.9.1"}}]}}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, aux.StatusCode);
        Assert.Contains("auxiliary address: (x:10.94.9.1) must belong to the master pool: 10.94.8.0/24", await aux.Content.ReadAsStringAsync());
        var range = await client.PostAsync("/v1.41/networks/create", new StringContent(
            """{"Name":"ipamt-bad","IPAM":{"Config":[{"Subnet":"10.94.8.0/24","IPRange":"10.94.9.0/28"}]}}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, range.StatusCode);
        Assert.Equal(1, (await daemon.Docker("network", "inspect", "ipamt-bad")).ExitCode);
    }

    [RequiresRootFact]
    public async Task A_name_with_spaces_or_a_slash_works_everywhere()
    {
        const string spaced = "ipamt my net", slashed = "ipamt/net";
        await Run("network", "create", spaced);
        await Run("network", "create", slashed);
        try
        {
            Assert.Equal(spaced, await Run("network", "inspect", "-f", "{{.Name}}", spaced));
            Assert.Equal(slashed, await Run("network", "inspect", "-f", "{{.Name}}", slashed));
            await Run("run", "-d", "--name", "ipamt-sp", "--network", spaced, "busybox", "sleep", "300");
            await Run("network", "connect", "--alias", "ipamt-other", slashed, "ipamt-sp");
            Assert.Equal("eth0 eth1", await Run("exec", "ipamt-sp", "sh", "-c", "ls /sys/class/net | grep eth | xargs"));
            Assert.Equal("ipamt-sp", await Run("network", "inspect", "-f", "{{range .Containers}}{{.Name}}{{end}}", spaced));
            Assert.Equal("ipamt-sp", await Run("run", "--rm", "--network", spaced, "busybox", "sh", "-c",
                "nslookup ipamt-sp >/dev/null && echo ipamt-sp"));
            await Run("network", "disconnect", slashed, "ipamt-sp");
            await Run("rm", "-f", "ipamt-sp");
            await Run("network", "rm", spaced, slashed);
            Assert.DoesNotContain("ipamt", await Run("network", "ls", "--format", "{{.Name}}"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "ipamt-sp");
            await daemon.Docker("network", "rm", spaced, slashed);
        }
    }
}
