using System.Formats.Tar;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Archive;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>docker load</c>: a docker-archive (<c>manifest.json</c> naming config and layer files,
    /// as <c>docker save</c> writes it, old and OCI-layout flavours). The archive is spooled to a
    /// private temp directory first, regular files only: it is untrusted and its manifest may
    /// come last. Returns the lines to show ("Loaded image: busybox:latest").
    /// </summary>
    public async Task<IReadOnlyList<string>> LoadAsync(Stream archive, CancellationToken ct)
    {
        string spool = Directory.CreateTempSubdirectory("berth-load-").FullName;
        try
        {
            await SpoolAsync(archive, spool, ct);
            string manifestPath = Path.Combine(spool, "manifest.json");
            if (!File.Exists(manifestPath))
                throw BerthException.Invalid("invalid archive: manifest.json not found (only docker-archive tarballs can be loaded)");
            using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(manifestPath, ct));
            var lines = new List<string>();
            foreach (var item in manifest.RootElement.EnumerateArray())
            {
                byte[] config = await File.ReadAllBytesAsync(SpooledFile(spool, item.GetProperty("Config").GetString()!), ct);
                using var configDoc = JsonDocument.Parse(config);
                var diffIds = configDoc.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()!).ToList();
                var layerFiles = item.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!).ToList();
                if (layerFiles.Count != diffIds.Count)
                    throw BerthException.Invalid("invalid archive: the manifest and the image config list different numbers of layers");
                var layers = new List<Layer>();
                string parent = "";
                for (int i = 0; i < layerFiles.Count; i++)
                {
                    string chain = parent.Length == 0 ? diffIds[i] : ChainId.Next(parent, diffIds[i]);
                    if (metadata.GetLayer(chain) is null)
                    {
                        await using var file = File.OpenRead(SpooledFile(spool, layerFiles[i]));
                        var layer = await AddLayerAsync(file, parent, ct);
                        if (layer.DiffId != diffIds[i])
                            throw BerthException.Invalid($"invalid archive: layer {layerFiles[i]} has digest {layer.DiffId}, the config says {diffIds[i]}");
                        layers.Add(layer);
                    }
                    parent = chain;
                }
                var tags = item.TryGetProperty("RepoTags", out var rt) && rt.ValueKind == JsonValueKind.Array
                    ? rt.EnumerateArray().Select(t => ImageReference.Parse(t.GetString()!).ToString()).ToList() : [];
                string id = await AddImageAsync(config, layers, tags, ct);
                Emit(id, "load");
                if (tags.Count == 0)
                    lines.Add("Loaded image ID: " + id);
                lines.AddRange(tags.Select(t => "Loaded image: " + Familiar(t)));
            }
            return lines;
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    private static async Task SpoolAsync(Stream archive, string dir, CancellationToken ct)
    {
        try
        {
            await using var reader = new TarReader(await Decompression.OpenAsync(archive, ct));
            TarEntry? entry;
            while ((entry = await reader.GetNextEntryAsync(copyData: false, ct)) is not null)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || SafePath.Normalize(entry.Name) is not string relative)
                    continue;
                string target = SafePath.Resolve(dir, relative, entry.Name);
                await using var file = new FileStream(target, FileMode.Create, FileAccess.Write);
                if (entry.DataStream is not null)
                    await entry.DataStream.CopyToAsync(file, ct);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw BerthException.Invalid($"invalid archive: {e.Message}");
        }
    }

    private static string SpooledFile(string spool, string name)
    {
        string path = Path.Combine(spool, SafePath.Normalize(name) ?? throw BerthException.Invalid($"invalid archive: bad file name {name}"));
        return File.Exists(path) ? path : throw BerthException.Invalid($"invalid archive: {name} not found");
    }
}
