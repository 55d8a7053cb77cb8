using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Archive;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>docker load</c>: whatever <see cref="DockerArchiveReader"/> accepts (docker-archive old
    /// and new, OCI layout, maybe compressed). Layers already present (by chain ID) are not
    /// unpacked again. Returns the lines to show ("Loaded image: busybox:latest").
    /// </summary>
    public async Task<IReadOnlyList<string>> LoadAsync(Stream archive, CancellationToken ct)
    {
        string spool = Directory.CreateTempSubdirectory("berth-load-").FullName;
        try
        {
            var lines = new List<string>();
            foreach (var loaded in await DockerArchiveReader.ReadAsync(archive, spool, ct))
            {
                var layers = new List<Layer>();
                string parent = "";
                foreach (var file in loaded.Layers)
                {
                    string chain = parent.Length == 0 ? file.DiffId : ChainId.Next(parent, file.DiffId);
                    if (metadata.GetLayer(chain) is null)
                    {
                        await using var stream = File.OpenRead(file.Path);
                        var layer = await AddLayerAsync(stream, parent, ct);
                        if (layer.DiffId != file.DiffId)
                            throw BerthException.Invalid($"invalid archive: layer has digest {layer.DiffId}, the config says {file.DiffId}");
                        layers.Add(layer);
                    }
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
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }
}
