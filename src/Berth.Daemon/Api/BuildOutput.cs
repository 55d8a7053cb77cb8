namespace Berth.Daemon.Api;

/// <summary>
/// A build's messages onto the response: the stream starts with the first message (so an error
/// before it is an ordinary API error), and with <c>q</c> only errors, the aux ID and the final
/// ID go out.
/// </summary>
internal sealed class BuildOutput(JsonProgress progress, bool quiet) : Engine.Build.IBuildOutput
{
    public bool Started { get; private set; }

    public Task StreamAsync(string text, CancellationToken ct) => quiet ? Task.CompletedTask : WriteStreamAsync(text, ct);

    public async Task WriteStreamAsync(string text, CancellationToken ct)
    {
        await StartAsync(ct);
        await progress.StreamAsync(text, ct);
    }

    public async Task AuxAsync(string imageId, CancellationToken ct)
    {
        await StartAsync(ct);
        await progress.AuxAsync(imageId, ct);
    }

    public async Task ErrorAsync(string message, int? code, CancellationToken ct)
    {
        await StartAsync(ct);
        await progress.ErrorAsync(message, code, ct);
    }

    private async Task StartAsync(CancellationToken ct)
    {
        if (Started)
            return;
        Started = true;
        await progress.StartAsync(ct);
    }

}
