using Berth.Client.Transport;

namespace Berth.Client;

public sealed partial class EngineClient
{
    /// <summary>
    /// Hijacked <c>POST /containers/{id}/attach</c>. The returned connection carries raw
    /// output for TTY containers, the multiplexed framing otherwise (see <see cref="Streams.StreamDemultiplexer"/>).
    /// </summary>
    public async Task<HijackedConnection> AttachAsync(string id, AttachOptions options, CancellationToken cancellationToken)
    {
        var query = new QueryString()
            .AddFlag("stream", true)
            .AddFlag("stdin", options.Stdin)
            .AddFlag("stdout", options.Stdout)
            .AddFlag("stderr", options.Stderr)
            .AddFlag("logs", options.Logs)
            .Add("detachKeys", options.DetachKeys);
        var path = await VersionedPathAsync($"/containers/{Escape(id)}/attach{query}", cancellationToken).ConfigureAwait(false);
        return await HijackRequest.SendAsync(Endpoint, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /containers/{id}/logs</c>: multiplexed unless the container has a TTY.</summary>
    public Task<Stream> LogsAsync(string id, LogsOptions options, CancellationToken cancellationToken)
    {
        var query = new QueryString()
            .AddFlag("stdout", options.Stdout)
            .AddFlag("stderr", options.Stderr)
            .Add("since", options.Since)
            .Add("until", options.Until)
            .AddFlag("timestamps", options.Timestamps)
            .AddFlag("follow", options.Follow)
            .Add("tail", options.Tail)
            .AddFlag("details", options.Details);
        return SendForStreamAsync(HttpMethod.Get, $"/containers/{Escape(id)}/logs{query}", null, cancellationToken);
    }
}
