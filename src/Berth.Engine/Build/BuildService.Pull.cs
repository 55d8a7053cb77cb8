using System.Collections.Concurrent;
using Berth.Core.Distribution;
using Berth.Core.Images;
using Berth.Engine.Distribution;

namespace Berth.Engine.Build;

public sealed partial class BuildService
{
    /// <summary>
    /// <c>--pull</c>: a FROM image is pulled even when present, with the credentials the client
    /// sent for its registry, as dockerd's builder pulls with <c>PullOptionForcePull</c>. The pull's
    /// status lines (not its byte counts) go into the build's output.
    /// </summary>
    private async Task PullAsync(BuildRun run, string name, CancellationToken ct)
    {
        var reference = ImageReference.Parse(name);
        var lines = new ConcurrentQueue<string>();
        var progress = new SyncProgress<ProgressUpdate>(update =>
        {
            if (update.Current is null && update.Aux is null)
                lines.Enqueue(update.Id is null ? update.Status : $"{update.Id}: {update.Status}");
        });
        await distribution.PullAsync(reference.WithoutTag().WithoutDigest().FullName, reference.Digest?.ToString() ?? reference.Tag, null,
            Credentials(run.Options.RegistryAuths, reference.Domain), progress, ct);
        foreach (string line in lines)
            await run.Output.StreamAsync(line + "\n", ct);
    }

    /// <summary>The credentials sent for a registry: keyed by host, or (Docker Hub) by its index URL.</summary>
    private static RegistryCredentials Credentials(IReadOnlyDictionary<string, RegistryCredentials> auths, string domain)
    {
        foreach (var (key, credentials) in auths)
        {
            string host = key.Replace("https://", "").Replace("http://", "").Split('/')[0];
            if (host == domain || domain == ImageReference.DefaultDomain && host is "index.docker.io" or "registry-1.docker.io")
                return credentials;
        }
        return RegistryCredentials.Anonymous;
    }
}
