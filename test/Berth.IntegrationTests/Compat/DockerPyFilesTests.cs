using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// A container's files and the engine's disk usage through docker-py (Debian's python3-docker),
/// as a user's script drives them: put_archive/get_archive, diff, df, images.prune.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DockerPyFilesTests(DaemonFixture daemon)
{
    private const string Script = """
        import docker, io, sys, tarfile
        c = docker.DockerClient(base_url=sys.argv[1])
        ctr = c.containers.create("busybox", "true", name="pyf-ctr")
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as t:
            data = b"hello from py\n"
            info = tarfile.TarInfo("pyf-dir/greeting.txt"); info.size = len(data); info.mode = 0o640
            t.addfile(info, io.BytesIO(data))
        print(ctr.put_archive("/", buf.getvalue()))
        bits, stat = ctr.get_archive("/pyf-dir/greeting.txt")
        print(stat["name"], stat["size"], oct(stat["mode"] & 0o777))
        with tarfile.open(fileobj=io.BytesIO(b"".join(bits))) as t:
            m = t.getmembers()[0]
            print(m.name, t.extractfile(m).read().decode().strip())
        print(sorted((d["Path"], d["Kind"]) for d in ctr.diff()))
        try:
            ctr.get_archive("/pyf-missing")
        except docker.errors.NotFound as e:
            print("missing", e.status_code)
        c.volumes.create("pyf-vol")
        c.containers.run("busybox", "sh -c 'head -c 4096 /dev/zero > /v/f'", volumes={"pyf-vol": {"bind": "/v", "mode": "rw"}}, name="pyf-run")
        df = c.df()
        print([v["UsageData"] for v in df["Volumes"] if v["Name"] == "pyf-vol"])
        row = [x for x in df["Containers"] if x["Names"] == ["/pyf-ctr"]][0]
        print(row["SizeRw"], row["SizeRootFs"] > row["SizeRw"])
        img = [i for i in df["Images"] if "busybox:latest" in (i["RepoTags"] or [])][0]
        print(img["Containers"] >= 2, img["SharedSize"] >= 0, df["LayersSize"] >= img["Size"], df["BuildCache"])
        dangling = ctr.commit(changes=["LABEL pyf=1"])
        r = c.images.prune(filters={"label": "pyf=1"})
        print(dangling.id in [d.get("Deleted") for d in r["ImagesDeleted"]], r["SpaceReclaimed"])
        """;

    [RequiresRootFact]
    public async Task Archive_diff_df_and_image_prune_through_docker_py()
    {
        try
        {
            var r = await ProcessRunner.RunAsync("python3", ["-c", Script, daemon.Host]);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Equal("""
                True
                greeting.txt 14 0o640
                greeting.txt hello from py
                [('/pyf-dir', 1), ('/pyf-dir/greeting.txt', 1)]
                missing 404
                [{'Size': 4096, 'RefCount': 1}]
                14 True
                True True True []
                True 14

                """.Replace("\r", ""), r.Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "pyf-ctr", "pyf-run");
            await daemon.Docker("volume", "rm", "-f", "pyf-vol");
        }
    }
}
