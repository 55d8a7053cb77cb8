using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Archive;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>docker load</c>: whatever <see cref="DockerArchiveReader"/> accepts (docker-archive old
    /// and new, OCI layout, maybe compressed). The archive is read once: layers are unpacked as
    /// they stream by (an archive names them only at its end) and committed once the manifest
    /// and configs have checked out; a layer already present (by chain ID) keeps its existing
    /// copy, and a blob the content store holds already is not read again, only unpacked from
    /// the store if its chain is new. Returns the lines to show ("Loaded image: busybox:latest").
    /// </summary>
    public Task<IReadOnlyList<string>> LoadAsync(Stream archive, CancellationToken ct) => LeasedAsync(() => LoadLeasedAsync(archive, ct));

    private async Task<IReadOnlyList<string>> LoadLeasedAsync(Stream archive, CancellationToken ct)
    {
        await using var spool = new ArchiveSpool(_unpacker);
        var lines = new List<string>();
        foreach (var loaded in await DockerArchiveReader.ReadAsync(archive, spool, ct))
        {
            var layers = new List<Layer>();
            string parent = "";
            foreach (var file in loaded.Layers)
            {
                string chain = parent.Length == 0 ? file.DiffId : ChainId.Next(parent, file.DiffId);
                if (metadata.GetLayer(chain) is null)
                    layers.Add(await CommitLoadedAsync(file, parent, ct));
                parent = chain;
            }
            string id = await AddImageAsync(loaded.Config, layers, loaded.RepoTags, ct);
            Emit(id, "load");
            if (loaded.RepoTags.Count == 0)
                lines.Add("Loaded image ID: " + id);
            lines.AddRange(loaded.RepoTags.Select(t => "Loaded image: " + Familiar(t)));
        }
        return lines;
    }

    /// <summary>
    /// Commits a loaded layer on top of <paramref name="parent"/>. One file may serve under
    /// several parents (a linked <c>layer.tar</c>): its snapshot goes to the first, the others
    /// unpack its blob, stored by then, again; so does a layer whose blob was stored before.
    /// </summary>
    private async Task<Layer> CommitLoadedAsync(LoadedLayer file, string parent, CancellationToken ct)
    {
        if (file.Unpacked is { IsCommitted: false } unpacked)
            return await unpacked.CommitAsync(parent, ct);
        await using var again = await _unpacker.ApplyStoredAsync(file.Unpacked?.BlobDigest ?? file.DiffId, ct);
        if (again.DiffId != file.DiffId)
            throw BerthException.Invalid($"invalid archive: layer has digest {again.DiffId}, the config says {file.DiffId}");
        return await again.CommitAsync(parent, ct);
    }
}
