using Berth.Linux.Runc;

namespace Berth.Tests.Runc;

public sealed class StoppedContainerTests : IDisposable
{
    private readonly TempDir _root = new();

    public void Dispose() => _root.Dispose();

    /// <summary>A state file as runc writes it, with only the fields the deletion reads.</summary>
    private void WriteState(string id, int pid, ulong start, string hooks = "null", string cgroup = "")
    {
        Directory.CreateDirectory(_root[id]);
        string cgroups = cgroup == "" ? "{}" : $$"""{"memory": "{{cgroup}}"}""";
        File.WriteAllText(_root[id + "/state.json"],
            $$"""{"id": "{{id}}", "init_process_pid": {{pid}}, "init_process_start": {{start}}, "config": {"hooks": {{hooks}}}, "cgroup_paths": {{cgroups}}, "intel_rdt_path": ""}""");
    }

    private static ulong OwnStartTime()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        return ulong.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19]);
    }

    [Fact]
    public void A_container_whose_init_is_gone_is_deleted_with_its_cgroups()
    {
        string cgroup = Directory.CreateDirectory(_root["cgroup-c1"]).FullName; // empty, as a cgroup without tasks is to rmdir
        WriteState("c1", Environment.ProcessId, OwnStartTime() + 1, cgroup: cgroup); // the pid is reused: another start time

        Assert.True(StoppedContainer.TryDelete(_root.Path, "c1"));

        Assert.False(Directory.Exists(_root["c1"]));
        Assert.False(Directory.Exists(cgroup));
    }

    [Fact]
    public void A_live_init_is_left_to_the_runtime()
    {
        WriteState("c1", Environment.ProcessId, OwnStartTime());

        Assert.False(StoppedContainer.TryDelete(_root.Path, "c1"));
        Assert.True(File.Exists(_root["c1/state.json"]));
    }

    [Fact]
    public void Hooks_are_left_to_the_runtime()
    {
        WriteState("c1", int.MaxValue, 1, hooks: """{"poststop": [{"path": "/bin/true"}]}""");

        Assert.False(StoppedContainer.TryDelete(_root.Path, "c1"));
        Assert.True(File.Exists(_root["c1/state.json"]));
    }

    [Fact]
    public void A_cgroup_with_a_nested_one_is_left_to_the_runtime()
    {
        string cgroup = Directory.CreateDirectory(_root["cgroup-c1/nested"]).Parent!.FullName;
        WriteState("c1", int.MaxValue, 1, cgroup: cgroup);

        Assert.False(StoppedContainer.TryDelete(_root.Path, "c1"));
        Assert.True(Directory.Exists(_root["cgroup-c1/nested"]));
    }

    [Fact]
    public void No_state_is_left_to_the_runtime()
    {
        Assert.False(StoppedContainer.TryDelete(_root.Path, "absent"));

        Directory.CreateDirectory(_root["garbled"]);
        File.WriteAllText(_root["garbled/state.json"], "{not json");
        Assert.False(StoppedContainer.TryDelete(_root.Path, "garbled"));
    }
}
