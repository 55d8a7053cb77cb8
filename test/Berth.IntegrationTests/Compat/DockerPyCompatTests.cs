using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// Requests as docker-py (Debian's python3-docker) sends them, which the docker CLI does not:
/// driven by a script as a user's would be.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DockerPyCompatTests(DaemonFixture daemon)
{
    private async Task<string> PythonAsync(string script)
    {
        var r = await ProcessRunner.RunAsync("python3", ["-c", script, daemon.Host]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout.Replace("\r", "");
    }

    [RequiresRootFact]
    public async Task Exec_output_is_framed_by_the_start_requests_tty()
    {
        const string script = """
            import docker, sys
            c = docker.DockerClient(base_url=sys.argv[1])
            ctr = c.containers.run("busybox", "sleep 300", detach=True, name="py-exec-tty", network_mode="none")
            try:
                ex = c.api.exec_create(ctr.id, "echo hello", tty=True)
                print(c.api.exec_start(ex["Id"], tty=False, demux=True))
                ex = c.api.exec_create(ctr.id, "echo hello", tty=True)
                print(c.api.exec_start(ex["Id"], tty=True))
            finally:
                ctr.remove(force=True)
            """;
        Assert.Equal("(b'hello\\r\\n', None)\nb'hello\\r\\n'\n", await PythonAsync(script));
    }

    [RequiresRootFact]
    public async Task A_health_check_with_null_fields_runs_and_a_wrong_type_is_a_400()
    {
        const string script = """
            import docker, sys, time
            c = docker.DockerClient(base_url=sys.argv[1])
            ctr = c.containers.run("busybox", "sleep 300", detach=True, name="py-health", network_mode="none",
                                   healthcheck={"Test": "true", "Interval": 200000000, "StartPeriod": None})
            try:
                for _ in range(100):
                    ctr.reload()
                    if ctr.attrs["State"]["Health"]["Status"] == "healthy":
                        break
                    time.sleep(0.1)
                print(ctr.attrs["State"]["Status"], ctr.attrs["State"]["Health"]["Status"], ctr.attrs["Config"]["Healthcheck"]["Test"])
            finally:
                ctr.remove(force=True)
            r = c.api._post_json(c.api._url("/containers/create"), data={"Image": "busybox", "Healthcheck": {"Test": "true"}})
            print(r.status_code, r.json()["message"])
            """;
        Assert.Equal("""
            running healthy ['CMD-SHELL', 'true']
            400 json: cannot unmarshal string into Go struct field HealthConfig.Healthcheck.Test of type []string

            """.Replace("\r", ""), await PythonAsync(script));
    }

    [RequiresRootFact]
    public async Task Commit_with_pause_of_a_stopped_container_commits_it()
    {
        const string script = """
            import docker, sys
            c = docker.DockerClient(base_url=sys.argv[1])
            ctr = c.containers.run("busybox", "sh -c 'echo x > /f'", detach=True, name="py-commit", network_mode="none")
            try:
                print(ctr.wait()["StatusCode"])
                img = ctr.commit(repository="py-committed", tag="v1")
                print(c.containers.run("py-committed:v1", "cat /f", remove=True, network_mode="none").decode().strip())
            finally:
                ctr.remove(force=True)
                c.images.remove("py-committed:v1")
            """;
        Assert.Equal("0\nx\n", await PythonAsync(script));
    }

    [RequiresRootFact]
    public async Task Commit_of_a_container_exiting_as_the_commit_comes_commits_it()
    {
        // docker-py's own commit test: start `touch /test`, commit at once. The process exits
        // between the commit's look at the state and its pause; Docker commits all the same.
        const string script = """
            import docker, sys
            c = docker.APIClient(base_url=sys.argv[1])
            done = 0
            for i in range(10):
                ctr = c.create_container("busybox", ["touch", "/test"], name=f"py-commit-exiting-{i}", host_config=c.create_host_config(network_mode="none"))
                try:
                    c.start(ctr)
                    img = c.commit(ctr["Id"], changes=["EXPOSE 8000"])
                    c.wait(ctr)
                    done += c.inspect_image(img["Id"])["Config"]["ExposedPorts"] == {"8000/tcp": {}}
                    c.remove_image(img["Id"])
                finally:
                    c.remove_container(ctr, force=True)
            print(done)
            """;
        Assert.Equal("10\n", await PythonAsync(script));
    }

    [RequiresRootFact]
    public async Task Exec_detach_keys_from_the_config_file_detach_a_tty_exec()
    {
        // docker-py puts the config file's detachKeys in the exec create body, in that case.
        const string script = """
            import docker, sys, time
            c = docker.APIClient(base_url=sys.argv[1])
            c._general_configs["detachKeys"] = "ctrl-p"
            ctr = c.create_container("busybox", "cat", name="py-exec-detach", stdin_open=True, host_config=c.create_host_config(network_mode="none"))
            try:
                c.start(ctr)
                ex = c.exec_create(ctr, "cat", stdin=True, tty=True, stdout=True)
                print(c.exec_inspect(ex)["DetachKeys"])
                s = c.exec_start(ex, tty=True, socket=True)._sock
                s.sendall(b"\x10")
                time.sleep(0.5)
                try:
                    s.sendall(b"after detach\n")
                    data = s.recv(128)
                    print(data == b"" or data.startswith(b"exec attach failed: error on attach stdin: read escape sequence"))
                except OSError:
                    print(True)
            finally:
                c.remove_container(ctr, force=True)
            """;
        Assert.Equal("EA==\nTrue\n", await PythonAsync(script));
    }

    [RequiresRootFact]
    public async Task Runtime_mac_address_log_config_and_auto_remove_as_docker()
    {
        const string script = """
            import docker, sys
            c = docker.DockerClient(base_url=sys.argv[1], version="1.43")
            lc = docker.types.LogConfig(type="json-file", config={"max-file": "3", "max-size": "10m"})
            ctr = c.containers.run("busybox", "sleep 300", detach=True, name="py-host", mac_address="02:42:0a:c7:00:63", log_config=lc)
            try:
                ctr.reload()
                h = ctr.attrs["HostConfig"]
                print(h["Runtime"], h["LogConfig"]["Type"], sorted(h["LogConfig"]["Config"].items()))
                print(ctr.attrs["NetworkSettings"]["Networks"]["bridge"]["MacAddress"])
                print(ctr.exec_run("cat /sys/class/net/eth0/address").output.decode().strip())
            finally:
                ctr.remove(force=True)
            try:
                c.containers.create("busybox", "true", auto_remove=True, restart_policy={"Name": "always"})
            except docker.errors.APIError as e:
                print(e.status_code, e.explanation)
            """;
        Assert.Equal("""
            runc json-file [('max-file', '3'), ('max-size', '10m')]
            02:42:0a:c7:00:63
            02:42:0a:c7:00:63
            400 can't create 'AutoRemove' container with restart policy

            """.Replace("\r", ""), await PythonAsync(script));
    }

    [RequiresRootFact]
    public async Task Create_bodies_with_lower_case_field_names_are_read_as_go_reads_them()
    {
        // Go's decoder matches struct fields in any case, so dockerd takes {"image": ...}.
        const string script = """
            import docker, sys
            c = docker.APIClient(base_url=sys.argv[1], version="1.41")
            def post(path, body, **params):
                r = c._post_json(c._url(path), data=body, params=params)
                c._raise_for_status(r)
                return r.json() if r.content else None
            try:
                post("/containers/create", {"image": "busybox", "cmd": ["sleep", "300"], "env": ["A=1"], "labels": {"x": "y"},
                                            "hostconfig": {"networkmode": "none", "memory": 8000000}}, name="pylc-ctr")
                i = c.inspect_container("pylc-ctr")
                print(i["Config"]["Image"], i["Config"]["Cmd"], i["Config"]["Env"], i["Config"]["Labels"], i["HostConfig"]["NetworkMode"], i["HostConfig"]["Memory"])
                c.start("pylc-ctr")
                post("/containers/pylc-ctr/update", {"memory": 9000000, "memoryswap": -1})
                print(c.inspect_container("pylc-ctr")["HostConfig"]["Memory"])
                ex = post("/containers/pylc-ctr/exec", {"cmd": ["sh", "-c", "echo $Q; id -un"], "attachstdout": True, "user": "nobody", "env": ["Q=1"]})
                print(c.exec_start(ex["Id"]).decode().split())
                post("/networks/create", {"name": "pylc-net", "internal": True, "labels": {"a": "b"}, "ipam": {"config": [{"subnet": "10.94.8.0/24"}]}})
                n = c.inspect_network("pylc-net")
                print(n["Internal"], n["Labels"], n["IPAM"]["Config"])
                post("/volumes/create", {"name": "pylc-vol", "labels": {"a": "b"}, "driveropts": {"type": "tmpfs", "device": "tmpfs"}})
                v = c.inspect_volume("pylc-vol")
                print(v["Labels"], sorted(v["Options"].items()))
                c.create_container("busybox", "sleep 300", name="pylc-peer", host_config=c.create_host_config(network_mode="pylc-net"))
                c.start("pylc-peer")
                post("/networks/create", {"name": "pylc-net2"})
                post("/networks/pylc-net2/connect", {"container": "pylc-peer", "endpointconfig": {"aliases": ["pylc-alias"]}})
                peer = c.inspect_container("pylc-peer")
                # Below API 1.45 the aliases also hold the short ID (the hostname here), as moby shows them.
                print(peer["NetworkSettings"]["Networks"]["pylc-net2"]["Aliases"] == ["pylc-alias", peer["Id"][:12]],
                      docker.APIClient(base_url=sys.argv[1], version="1.45").inspect_container("pylc-peer")["NetworkSettings"]["Networks"]["pylc-net2"]["Aliases"])
            finally:
                for x in ("pylc-ctr", "pylc-peer"):
                    try:
                        c.remove_container(x, force=True)
                    except docker.errors.NotFound:
                        pass
                for x in ("pylc-net", "pylc-net2"):
                    try:
                        c.remove_network(x)
                    except docker.errors.NotFound:
                        pass
                try:
                    c.remove_volume("pylc-vol")
                except docker.errors.NotFound:
                    pass
            """;
        Assert.Equal("""
            busybox ['sleep', '300'] ['A=1'] {'x': 'y'} none 8000000
            9000000
            ['1', 'nobody']
            True {'a': 'b'} [{'Subnet': '10.94.8.0/24'}]
            {'a': 'b'} [('device', 'tmpfs'), ('type', 'tmpfs')]
            True ['pylc-alias']

            """.Replace("\r", ""), await DockerPy.RunAsync(script, daemon.Host));
    }

    [RequiresRootFact]
    public async Task An_error_before_a_stream_starts_is_raised_not_streamed()
    {
        // docker-py's test_443: a streaming call (build) whose answer is not chunked is an
        // error to raise; a chunked one it reads as the stream, error and all.
        const string script = """
            import docker, io, sys
            c = docker.APIClient(base_url=sys.argv[1], version="1.41")
            try:
                for line in c.build(fileobj=io.BytesIO(), tag="pyerr/empty"):
                    print("streamed", line)
            except docker.errors.APIError as e:
                print(e.status_code, e.explanation)
            try:
                c.inspect_container("pyerr-nosuch")
            except docker.errors.NotFound as e:
                print(e.status_code, e.explanation, e.response.headers.get("Content-Length"))
            """;
        Assert.Equal("""
            400 the Dockerfile (Dockerfile) cannot be empty
            404 No such container: pyerr-nosuch 46

            """.Replace("\r", ""), await DockerPy.RunAsync(script, daemon.Host));
    }

    [RequiresRootFact]
    public async Task An_attach_without_stream_gives_the_logs_so_far_and_ends()
    {
        // docker-py's attach(stream=False, logs=True) sends stream=0: dockerd answers what the
        // container wrote and closes; it must not wait for output that never comes.
        const string script = """
            import docker, socket, sys
            c = docker.APIClient(base_url=sys.argv[1], version="1.41")
            ctr = c.create_container("busybox", "echo hello", name="pyatt-done", host_config=c.create_host_config(network_mode="none"))
            try:
                c.start(ctr)
                c.wait(ctr)
                print(type(c.attach(ctr, stream=False, logs=True)).__name__)
                for query in ("logs=1&stream=0&stdout=1&stderr=1", "stream=0&stdout=1"):
                    s = socket.socket(socket.AF_UNIX)
                    s.settimeout(10)
                    s.connect(sys.argv[1][len("unix://"):])
                    s.sendall(b"POST /v1.41/containers/pyatt-done/attach?" + query.encode() +
                              b" HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n")
                    data = b""
                    while chunk := s.recv(4096):
                        data += chunk
                    s.close()
                    print(data.split(b"\r\n")[0].split()[1].decode(), data.split(b"\r\n\r\n", 1)[1])
            finally:
                c.remove_container(ctr, force=True)
            """;
        Assert.Equal("""
            bytes
            101 b'\x01\x00\x00\x00\x00\x00\x00\x06hello\n'
            101 b''

            """.Replace("\r", ""), await DockerPy.RunAsync(script, daemon.Host));
    }

    [RequiresRootFact]
    public async Task An_attach_with_logs_and_stream_replays_the_output_so_far_then_streams()
    {
        // attach?logs=1&stream=1 (docker-py's attach(logs=True, stream=True)): dockerd sends what
        // the container wrote before the attach, then what it writes after, until it exits. Read
        // off the raw socket: docker-py's stream loses a frame that comes with the 101's headers,
        // against dockerd as well.
        const string script = """
            import docker, socket, sys, time
            c = docker.APIClient(base_url=sys.argv[1], version="1.41")
            ctr = c.create_container("busybox", ["sh", "-c", "echo before; sleep 2; echo after"], name="pyatt-replay",
                                     host_config=c.create_host_config(network_mode="none"))
            try:
                c.start(ctr)
                while b"before" not in c.logs(ctr):
                    time.sleep(0.05)
                s = socket.socket(socket.AF_UNIX)
                s.settimeout(10)
                s.connect(sys.argv[1][len("unix://"):])
                s.sendall(b"POST /v1.41/containers/pyatt-replay/attach?logs=1&stream=1&stdout=1&stderr=1 HTTP/1.1\r\n"
                          b"Host: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n")
                data = b""
                while chunk := s.recv(4096):
                    data += chunk
                s.close()
                print(data.split(b"\r\n\r\n", 1)[1])
            finally:
                c.remove_container(ctr, force=True)
            """;
        Assert.Equal("b'\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x07before\\n\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x06after\\n'\n", await DockerPy.RunAsync(script, daemon.Host));
    }

    [RequiresRootFact]
    public async Task A_health_check_in_lower_case_is_kept_as_dockerd_keeps_it()
    {
        // Go's decoder takes {"healthcheck": {"test": ...}}; dockerd stores it under its own
        // names, fields left empty out, and runs it.
        const string script = """
            import docker, sys, time
            c = docker.APIClient(base_url=sys.argv[1], version="1.41")
            r = c._post_json(c._url("/containers/create"), params={"name": "pyhc-lower"}, data={"image": "busybox", "cmd": ["sleep", "300"],
                "hostconfig": {"networkmode": "none"},
                "healthcheck": {"test": ["CMD", "true"], "interval": 200000000, "retries": 0, "startperiod": None}})
            c._raise_for_status(r)
            try:
                print(c.inspect_container("pyhc-lower")["Config"]["Healthcheck"])
                c.start("pyhc-lower")
                for _ in range(100):
                    if c.inspect_container("pyhc-lower")["State"]["Health"]["Status"] == "healthy":
                        break
                    time.sleep(0.1)
                print(c.inspect_container("pyhc-lower")["State"]["Health"]["Status"])
            finally:
                c.remove_container("pyhc-lower", force=True)
            """;
        Assert.Equal("{'Test': ['CMD', 'true'], 'Interval': 200000000}\nhealthy\n", await DockerPy.RunAsync(script, daemon.Host));
    }
}
