using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Images;

namespace Berth.Engine.Archive;

/// <summary>
/// The v1 image JSON <c>docker save</c> still writes as a blob for each layer (moby
/// image/v1 CreateID, V1Image): every layer but the top one gets an empty config created at
/// the epoch; the top one gets the image's own fields. The v1 ID is the digest of that JSON
/// without its id, plus <c>layer_id</c> (the chain ID) and <c>parent</c>, keys sorted.
/// </summary>
internal static class LegacyImageJson
{
    /// <summary>Returns the blob and the v1 ID (<c>sha256:...</c>) that the next layer names as parent.</summary>
    public static (byte[] Json, string V1Id) Build(JsonElement config, bool top, string chainId, string? parentV1Id)
    {
        var fields = new List<(string Key, JsonNode? Value)>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) fields.Add((key, value));
        }
        string? Text(string name) => ContainerConfigJson.Find(config, name) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

        if (top) Add("comment", Text("comment"));
        fields.Add(("created", top ? (Text("created") is { } created ? GoTime(created) : null) : "1970-01-01T00:00:00Z"));
        if (top) Add("container", Text("container"));
        fields.Add(("container_config", ContainerConfigJson.Convert(top ? ContainerConfigJson.Find(config, "container_config") : null)));
        if (top)
        {
            Add("docker_version", Text("docker_version"));
            Add("author", Text("author"));
            if (ContainerConfigJson.Find(config, "config") is { ValueKind: JsonValueKind.Object } c)
                fields.Add(("config", ContainerConfigJson.Convert(c)));
            Add("architecture", Text("architecture"));
            Add("variant", Text("variant"));
        }
        Add("os", Text("os"));

        // The ID: id left out, layer_id and the full parent digest in, keys sorted (a Go map).
        var forId = fields.Select(f => (f.Key, Raw: Encoding.UTF8.GetString(GoJson.Serialize(f.Value))))
            .Append((Key: "layer_id", Raw: GoJson.Quote(chainId)));
        if (parentV1Id is not null)
            forId = forId.Append((Key: "parent", Raw: GoJson.Quote(parentV1Id)));
        string idJson = "{" + string.Join(',', forId.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => GoJson.Quote(f.Key) + ":" + f.Raw)) + "}";
        var v1Digest = Digest.FromBytes(Encoding.UTF8.GetBytes(idJson));
        string v1Id = v1Digest;

        var json = new JsonObject { ["id"] = v1Digest.Hex };
        if (parentV1Id is not null)
            json["parent"] = Digest.Parse(parentV1Id).Hex;
        foreach (var (key, value) in fields)
            json[key] = value?.DeepClone();
        return (GoJson.Serialize(json), v1Id);
    }

    /// <summary>Go's RFC3339Nano for a parsed time: trailing zeros of the fraction dropped, UTC as Z.</summary>
    internal static string GoTime(string rfc3339)
    {
        int zone = rfc3339.Length >= 20 ? rfc3339.IndexOfAny(['Z', 'z', '+', '-'], 19) : -1;
        if (zone < 0)
            return rfc3339;
        string clock = rfc3339[..zone], offset = rfc3339[zone..];
        int dot = clock.IndexOf('.');
        if (dot >= 0)
            clock = clock.TrimEnd('0').TrimEnd('.');
        return clock + (offset is "Z" or "z" or "+00:00" or "-00:00" ? "Z" : offset);
    }
}
