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
    /// copy. Returns the lines to show ("Loaded image: busybox:latest").
    /// </summary>
    public async Task<IReadOnlyList<string>> LoadAsync(Stream archive, CancellationToken ct)
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
                    layers.Add(await CommitLoadedAsync(file.Unpacked, parent, ct));
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
    /// several parents (a linked <c>layer.tar</c>); its snapshot goes to the first, the others
    /// unpack its blob, stored by then, again.
    /// </summary>
    private async Task<Layer> CommitLoadedAsync(UnpackedLayer unpacked, string parent, CancellationToken ct)
    {
        if (!unpacked.IsCommitted)
            return await unpacked.CommitAsync(parent, ct);
        await using var blob = content.Open(unpacked.BlobDigest);
        return await _unpacker.UnpackAsync(blob, parent, ct);
    }
}
