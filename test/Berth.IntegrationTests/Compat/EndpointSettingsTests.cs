using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// What a container asks of a user-defined network at create (the API's EndpointsConfig), as the
/// docker CLI sends it: aliases, links, driver options and link-local addresses, shown by inspect.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class EndpointSettingsTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Aliases_links_driver_opts_and_link_local_ips_given_at_create_are_shown_by_inspect()
    {
        await daemon.DockerOk("network", "create", "epset-net");
        try
        {
            await daemon.DockerOk("create", "--name", "epset-db", "--network", "name=epset-net,alias=epset-alias,driver-opt=com.example.opt=1",
                "--link-local-ip", "169.254.9.9", "busybox", "true");
            await daemon.DockerOk("create", "--name", "epset-app", "--network", "epset-net", "--link", "epset-db:db", "busybox", "true");
            string Net(string field) => $"{{{{json (index .NetworkSettings.Networks \"epset-net\").{field}}}}}";
            Assert.Equal("[\"epset-alias\"]", await daemon.DockerOk("inspect", "-f", Net("Aliases"), "epset-db"));
            Assert.Equal("{\"com.example.opt\":\"1\"}", await daemon.DockerOk("inspect", "-f", Net("DriverOpts"), "epset-db"));
            Assert.Equal("{\"LinkLocalIPs\":[\"169.254.9.9\"]}", await daemon.DockerOk("inspect", "-f", Net("IPAMConfig"), "epset-db"));
            Assert.Equal("[\"epset-db:db\"]", await daemon.DockerOk("inspect", "-f", Net("Links"), "epset-app"));
            Assert.Equal("null", await daemon.DockerOk("inspect", "-f", Net("DriverOpts"), "epset-app"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "epset-app", "epset-db");
            await daemon.Docker("network", "rm", "epset-net");
        }
    }
}
