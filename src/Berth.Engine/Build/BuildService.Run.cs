using System.Text;
using System.Text.Json;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Containers;
using Berth.Engine.Images;
using Berth.Engine.Logs;
using Berth.Linux.Mounts;

namespace Berth.Engine.Build;

public sealed partial class BuildService
{
    /// <summary>
    /// RUN: the command runs in a container made by the container service (create → start →
    /// wait, as <c>docker run</c>), its output streamed to the client as it comes; the container's
    /// changes are committed and it is removed. Build args declared in the stage are in its
    /// environment only, and in the cache key as Docker writes them (<c>|N K=V ... cmd</c>).
    /// </summary>
    private async Task RunAsync(BuildRun run, BuildStage stage, Instruction ins, CancellationToken ct)
    {
        IReadOnlyList<string> command;
        if (ins.Heredocs.Count > 0 && ins.Json is null)
        {
            var vars = stage.Variables();
            string Body(Heredoc h) => h.Expand ? ExpandHeredoc(run.Words, h.Content, vars) : h.Content;
            // A lone heredoc is the script itself; otherwise the heredocs follow the command, as the shell reads them.
            string script = ins.Text.Trim().StartsWith("<<", StringComparison.Ordinal) && ins.Heredocs.Count == 1 && !ins.Text.Trim().Contains(' ')
                ? Body(ins.Heredocs[0])
                : ins.Text + "\n" + string.Concat(ins.Heredocs.Select(h => h.Content + h.Name + "\n"));
            command = [.. stage.Shell, script];
        }
        else
        {
            command = Command(ins, stage);
        }
        var args = stage.Args.Where(a => a.Value is not null).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}").ToList();
        IReadOnlyList<string> cacheCmd = args.Count == 0 ? command : [$"|{args.Count}", .. args, .. command];
        var probe = stage.Config with { Cmd = cacheCmd, Image = stage.ImageId ?? "" };
        if (await TryCacheAsync(run, stage, probe, ct))
            return;
        if (stage.ImageId is null)
            throw BerthException.Invalid($"The command '{string.Join(' ', command)}' cannot run: the stage has no base image (FROM scratch)");

        var runConfig = stage.Config with
        {
            Image = stage.ImageId,
            Cmd = command,
            Entrypoint = [],
            Env = EnvironmentList.Merge(stage.Config.Env ?? [], args),
            AttachStdout = true,
            AttachStderr = true,
            OnBuild = null,
        };
        var container = CreateContainer(run, runConfig);
        run.Mark("create");
        await run.Output.StreamAsync($" ---> Running in {container.Id[..12]}\n", ct);
        int code;
        try
        {
            var wait = containers.BeginWait(container.Id, WaitCondition.NextExit);
            var attached = containers.AttachOutputAsync(container.Id, true, true, entry => Forward(run, entry, ct), ct);
            await containers.StartAsync(container.Id, ct);
            await attached;
            code = await wait(ct);
            run.Mark("run");
        }
        catch (OperationCanceledException)
        {
            // The client went away: nobody will see or commit this step, so stop it now.
            await RemoveContainerAsync(run, container.Id, announce: false);
            throw;
        }
        catch when (run.Options.ForceRemove)
        {
            await RemoveContainerAsync(run, container.Id, announce: false);
            throw;
        }
        if (code != 0)
        {
            if (run.Options.ForceRemove)
                await RemoveContainerAsync(run, container.Id, announce: false);
            throw new BuildStepException(code, $"The command '{string.Join(' ', command)}' returned a non-zero code: {code}");
        }
        await CommitStepAsync(run, stage, probe, container.Id, snapshots.UpperOf(container.Id), string.Join(' ', cacheCmd), ct);
        if (run.Options.Remove || run.Options.ForceRemove)
            await RemoveContainerAsync(run, container.Id, announce: true);
        run.Mark("remove");
    }

    /// <summary>
    /// A step that changes only the config (ENV, CMD, WORKDIR...): as Docker's classic builder, a
    /// container is made with <c>#(nop)</c> as its command, committed (an empty layer, except
    /// WORKDIR's new directory, made by <paramref name="change"/> in its rootfs) and removed.
    /// </summary>
    private async Task CommitMetadataAsync(BuildRun run, BuildStage stage, string comment, Action<string>? change, CancellationToken ct)
    {
        IReadOnlyList<string> cmd = change is null ? [.. stage.Shell, "#(nop) ", comment] : [.. stage.Shell, "#(nop) " + comment];
        var probe = stage.Config with { Cmd = cmd, Image = stage.ImageId ?? "" };
        if (await TryCacheAsync(run, stage, probe, ct))
            return;
        string createdBy = string.Join(' ', cmd);
        if (stage.ImageId is null)
        {
            // FROM scratch: nothing to run a container from; the change goes into a bare layer.
            await WithScratchLayerAsync(null, async (rootfs, upper) =>
            {
                change?.Invoke(rootfs);
                await CommitStepAsync(run, stage, probe, "", upper, createdBy, ct);
            });
            return;
        }
        var container = CreateContainer(run, probe);
        run.Mark("create");
        await run.Output.StreamAsync($" ---> Running in {container.Id[..12]}\n", ct);
        string? changes = null;
        if (change is not null)
        {
            string rootfs = snapshots.RootfsOf(container.Id);
            Directory.CreateDirectory(rootfs);
            Mounter.MountAt(snapshots.ContainerMount(container.Id, Core.Images.ChainId.For(images.Resolve(stage.ImageId).DiffIds)), rootfs);
            try
            {
                change(rootfs);
            }
            finally
            {
                Mounter.Unmount(rootfs);
            }
            changes = snapshots.UpperOf(container.Id);
        }
        await CommitStepAsync(run, stage, probe, container.Id, changes, createdBy, ct);
        if (run.Options.Remove || run.Options.ForceRemove)
            await RemoveContainerAsync(run, container.Id, announce: true);
        run.Mark("remove");
    }

    private Container CreateContainer(BuildRun run, ContainerConfig config) =>
        containers.Create(config, new HostConfig { NetworkMode = run.Options.NetworkMode ?? "", ExtraHosts = run.Options.ExtraHosts }, null);

    private async Task RemoveContainerAsync(BuildRun run, string id, bool announce)
    {
        // As Docker's builder: the step container's anonymous volumes (an image VOLUME) go with it.
        await containers.RemoveAsync(id, force: true, CancellationToken.None, removeVolumes: true);
        if (announce)
            await run.Output.StreamAsync($"Removing intermediate container {id[..12]}\n", CancellationToken.None);
    }

    /// <summary>A step's output line; stderr in red, as Docker's builder colours it (clients match on the escapes).</summary>
    private static async ValueTask Forward(BuildRun run, LogEntry entry, CancellationToken ct)
    {
        string text = Encoding.UTF8.GetString(entry.Content.Span);
        if (!entry.Partial)
            text += "\n";
        await run.Output.StreamAsync(entry.Stream == LogStream.Stderr ? "\u001b[91m" + text + "\u001b[0m" : text, ct);
    }

    /// <summary>A cache hit: prints <c> ---&gt; Using cache</c> and moves the stage onto the cached image.</summary>
    private async Task<bool> TryCacheAsync(BuildRun run, BuildStage stage, ContainerConfig probe, CancellationToken ct)
    {
        if (run.Options.NoCache)
            return false;
        string key = run.CacheKey(stage.ImageId, probe);
        string? hit = run.Cache.Get(key);
        if (hit is not null && images.TryResolve(hit) is { } cached && InCacheSources(run, cached))
        {
            run.Cache.Touch(key);
            run.Mark("cache-hit");
        }
        else if (run.Epoch is null && await FromCacheSourcesAsync(run, stage, probe, ct) is { } restored)
        {
            // Recorded, so the next build finds it without the source.
            hit = restored;
            run.Cache.Put(key, hit, string.Join(' ', probe.Cmd ?? []));
        }
        else
        {
            return false;
        }
        run.UsedKeys[key] = 0;
        await run.Output.StreamAsync(" ---> Using cache\n", ct);
        stage.ImageId = hit;
        return true;
    }

    /// <summary>Commits a step through the image service's one commit path and records it in the cache.</summary>
    private async Task CommitStepAsync(BuildRun run, BuildStage stage, ContainerConfig probe, string containerId, string? changes, string createdBy, CancellationToken ct)
    {
        var config = JsonSerializer.SerializeToNode(stage.Config with { Image = stage.ImageId ?? "" }, EngineJson.Default.ContainerConfig)!.AsObject();
        var commit = new ImageCommit(stage.ImageId, config, run.Epoch is null ? containerId : "", JsonSerializer.SerializeToNode(probe, EngineJson.Default.ContainerConfig), changes,
            createdBy, stage.Maintainer, Created: run.Epoch);
        string id = await imageService.CommitAsync(commit, ct);
        run.Mark("commit");
        string key = run.CacheKey(stage.ImageId, probe);
        run.Cache.Put(key, id, createdBy);
        run.UsedKeys[key] = 0;
        stage.ImageId = id;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a bare writable layer (no container) over an image's
    /// layers, mounted: its rootfs view and its upper dir. COPY and ADD write there, as Docker
    /// writes into a read-write layer without a container.
    /// </summary>
    private async Task WithScratchLayerAsync(string? imageId, Func<string, string, Task> work)
    {
        string id = ContainerNames.NewId();
        // A marker, so a daemon killed meanwhile unmounts and removes this layer when it starts again.
        string marker = Path.Combine(TempDir, "layer-" + id);
        Directory.CreateDirectory(TempDir);
        File.WriteAllText(marker, "");
        snapshots.CreateContainer(id);
        try
        {
            string rootfs = snapshots.RootfsOf(id);
            Directory.CreateDirectory(rootfs);
            var chain = imageId is null ? [] : Core.Images.ChainId.For(images.Resolve(imageId).DiffIds);
            Mounter.MountAt(snapshots.ContainerMount(id, chain), rootfs);
            try
            {
                await work(rootfs, snapshots.UpperOf(id));
            }
            finally
            {
                Mounter.Unmount(rootfs);
            }
        }
        finally
        {
            // Unmounted, nothing refers to it: deleting its files (thousands after a big COPY) need not hold up the build.
            _ = Task.Run(() =>
            {
                snapshots.RemoveContainer(id);
                File.Delete(marker);
            });
        }
    }

    private static string ExpandHeredoc(ShellWords words, string content, IReadOnlyDictionary<string, string> vars)
    {
        // Only variables are expanded in an unquoted heredoc; quotes stay as written.
        var sb = new StringBuilder();
        foreach (string line in content.Split('\n'))
            sb.Append(words.ProcessWord(line.Replace("'", "\u0001").Replace("\"", "\u0002"), vars).Replace('\u0001', '\'').Replace('\u0002', '"')).Append('\n');
        return sb.ToString()[..^1];
    }
}
