using Berth.Cli.Commands;
using Berth.Client;

namespace Berth.Cli.Contexts;

/// <summary>
/// The endpoint of the context in use, when no host was given (<c>-H</c>, <c>BERTH_HOST</c>,
/// <c>DOCKER_HOST</c>): <c>--context</c>, else <c>DOCKER_CONTEXT</c>, else config.json's
/// <c>currentContext</c>; null for "default", which is the default socket.
/// </summary>
internal static class ContextResolver
{
    public static DaemonEndpoint? Endpoint(string? flag)
    {
        var store = ContextStore.Open();
        string name = flag ?? (Environment.GetEnvironmentVariable("DOCKER_CONTEXT") is { Length: > 0 } env ? env : store.Current);
        if (name == ContextStore.Default)
            return null;
        var context = store.Find(name) ?? throw new CliFailure($"context \"{name}\": context not found: open {Path.Combine(store.MetaDir(name), "meta.json")}: no such file or directory");
        return DaemonEndpoint.Parse(context.Host).WithTls(store.Tls(context));
    }
}
