using Berth.Core.Containers;

namespace Berth.Tests.Fakes;

/// <summary>An <see cref="IContainerFreezer"/> that records pauses and unpauses in order.</summary>
internal sealed class RecordingFreezer : IContainerFreezer
{
    public List<string> Calls { get; } = [];

    public Task PauseAsync(string idOrName, CancellationToken ct)
    {
        Calls.Add("pause " + idOrName);
        return Task.CompletedTask;
    }

    public Task UnpauseAsync(string idOrName, CancellationToken ct)
    {
        Calls.Add("unpause " + idOrName);
        return Task.CompletedTask;
    }
}
