using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>Volumes through docker-py (Debian's python3-docker), as a user's script drives them.</summary>
[Collection(DaemonCollection.Name)]
public sealed class DockerPyVolumeTests(DaemonFixture daemon)
{
    private const string Script = """
        import docker, sys
        c = docker.DockerClient(base_url=sys.argv[1])
        v = c.volumes.create(name="py-vol", driver="local", labels={"by": "py"})
        print(v.name, v.attrs["Driver"], v.attrs["Labels"], v.attrs["Scope"])
        print([x.name for x in c.volumes.list(filters={"label": "by=py"})])
        print(c.containers.run("busybox", "sh -c 'echo hi > /data/f; cat /data/f'", volumes={"py-vol": {"bind": "/data", "mode": "rw"}}, remove=True).decode().strip())
        print(c.containers.run("busybox", "cat /m/f", mounts=[docker.types.Mount(target="/m", source="py-vol", type="volume", read_only=True)], remove=True).decode().strip())
        ctr = c.containers.create("busybox", "true", volumes=["/anon", "py-vol:/p"])
        ctr.reload()
        m = [x for x in ctr.attrs["Mounts"] if x["Destination"] == "/anon"][0]
        print(m["Type"], m["Destination"], len(m["Name"]))
        try:
            v.remove()
        except docker.errors.APIError as e:
            print(e.status_code, e.explanation.startswith("remove py-vol: volume is in use"))
        ctr.remove(v=True)
        try:
            c.volumes.get(m["Name"])
        except docker.errors.NotFound as e:
            print("anonymous gone", e.status_code)
        print(c.volumes.prune(filters={"label": "by=py", "all": "true"}))
        """;

    [RequiresRootFact]
    public async Task Create_list_use_remove_and_prune_volumes()
    {
        try
        {
            var r = await ProcessRunner.RunAsync("python3", ["-c", Script, daemon.Host]);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Equal("""
                py-vol local {'by': 'py'} local
                ['py-vol']
                hi
                hi
                volume /anon 64
                409 True
                anonymous gone 404
                {'VolumesDeleted': ['py-vol'], 'SpaceReclaimed': 3}

                """.Replace("\r", ""), r.Stdout);
        }
        finally
        {
            await daemon.Docker("volume", "rm", "-f", "py-vol");
        }
    }
}
