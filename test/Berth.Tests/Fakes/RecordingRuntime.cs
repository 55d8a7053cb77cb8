using Berth.Core.Errors;
using Berth.Core.Runtime;

namespace Berth.Tests.Fakes;

/// <summary>An <see cref="IContainerRuntime"/> that records the verbs it is given and keeps a status per container.</summary>
internal sealed class RecordingRuntime : IContainerRuntime
{
    public List<string> Calls { get; } = [];
    public Dictionary<string, string> Status { get; } = [];

    public async Task<int> CreateAsync(RuntimeCreateOptions options, CancellationToken ct)
    {
        await options.BundleReady;
        Calls.Add("create " + options.ContainerId);
        Status[options.ContainerId] = "created";
        return 4242;
    }

    public Task StartAsync(string id, CancellationToken ct) => Move(id, "start", "running");

    public Task KillAsync(string id, int signal, bool all, CancellationToken ct) => Move(id, "kill", "stopped");

    public Task DeleteAsync(string id, bool force, CancellationToken ct)
    {
        Calls.Add("delete " + id);
        Status.Remove(id);
        return Task.CompletedTask;
    }

    public IExecProcess StartExec(string id, string processFile, string runtimeLog, string? consoleSocket) => throw new NotSupportedException();

    public Task UpdateAsync(string id, string resourcesFile, CancellationToken ct) => Move(id, "update", null);

    public Task PauseAsync(string id, CancellationToken ct) => Move(id, "pause", "paused");

    public Task ResumeAsync(string id, CancellationToken ct) => Move(id, "resume", "running");

    public Task<IReadOnlyList<int>> PidsAsync(string id, CancellationToken ct) => Task.FromResult<IReadOnlyList<int>>([4242]);

    public Task<RuntimeState?> StateAsync(string id, CancellationToken ct) =>
        Task.FromResult(Status.TryGetValue(id, out var s) ? new RuntimeState(s, 4242) : null);

    public IReadOnlyList<string> Known() => Status.Keys.ToList();

    private Task Move(string id, string verb, string? to)
    {
        Calls.Add(verb + " " + id);
        if (!Status.ContainsKey(id))
            throw new BerthException(ErrorKind.Internal, $"{verb}: container does not exist");
        if (to is not null)
            Status[id] = to;
        return Task.CompletedTask;
    }
}
