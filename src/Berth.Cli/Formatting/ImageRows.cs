using System.Globalization;
using System.Text.Json;
using Berth.Cli.Templates;
using Berth.Core.Images;

namespace Berth.Cli.Formatting;

/// <summary>
/// Turns <c>GET /images/json</c> items into docker's imageContext rows: one row per
/// repository:tag (and per digest with <c>--digests</c>), <c>&lt;none&gt;</c> for dangling images.
/// </summary>
internal static class ImageRows
{
    public const string DefaultTable = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    public const string DigestTable = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    internal const string None = "<none>";

    public static TemplateObject Header() => new("header")
    {
        ["ID"] = "IMAGE ID",
        ["Repository"] = "REPOSITORY",
        ["Tag"] = "TAG",
        ["Digest"] = "DIGEST",
        ["CreatedSince"] = "CREATED",
        ["CreatedAt"] = "CREATED AT",
        ["Size"] = "SIZE",
        ["Containers"] = "CONTAINERS",
        ["VirtualSize"] = "SIZE",
        ["SharedSize"] = "SHARED SIZE",
        ["UniqueSize"] = "UNIQUE SIZE",
    };

    public static IEnumerable<TemplateObject> Create(JsonElement image, bool truncate, bool showDigests, DateTimeOffset now)
    {
        var tags = Strings(image, "RepoTags");
        var digests = Strings(image, "RepoDigests");
        if ((tags.Count == 0 && digests.Count == 0) || (tags is ["<none>:<none>"] && digests is ["<none>@<none>"]))
        {
            yield return Row(image, None, None, None, truncate, now);
            yield break;
        }

        var repoTags = Group(tags, r => r.Tag);
        var repoDigests = Group(digests, r => r.Digest);
        foreach (var (repository, repositoryTags) in repoTags)
        {
            var tagDigests = repoDigests.Remove(repository, out var d) && showDigests ? d : [];
            foreach (var tag in repositoryTags)
            {
                if (tagDigests.Count == 0)
                {
                    yield return Row(image, repository, tag, None, truncate, now);
                    continue;
                }

                foreach (var digest in tagDigests)
                {
                    yield return Row(image, repository, tag, digest, truncate, now);
                }
            }
        }

        foreach (var (repository, repositoryDigests) in repoDigests)
        {
            foreach (var digest in showDigests ? repositoryDigests : [None])
            {
                yield return Row(image, repository, None, digest, truncate, now);
                if (!showDigests)
                {
                    break;
                }
            }
        }
    }

    internal static TemplateObject Row(JsonElement image, string repository, string tag, string digest, bool truncate, DateTimeOffset now)
    {
        var id = ContainerRows.Str(image, "Id");
        var created = DateTimeOffset.FromUnixTimeSeconds(ContainerRows.Long(image, "Created"));
        var size = ContainerRows.Long(image, "Size");
        var shared = image.TryGetProperty("SharedSize", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : -1;
        var containers = image.TryGetProperty("Containers", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt64() : -1;
        return new TemplateObject("*formatter.imageContext")
        {
            ["ID"] = truncate ? TextUtil.TruncateId(id) : id,
            ["Repository"] = repository,
            ["Tag"] = tag,
            ["Digest"] = digest,
            ["CreatedSince"] = Units.HumanDuration(now - created) + " ago",
            ["CreatedAt"] = TimeText.GoTimeString(created),
            ["Size"] = Units.HumanSize(size),
            ["Containers"] = containers == -1 ? "N/A" : containers.ToString(CultureInfo.InvariantCulture),
            ["VirtualSize"] = Units.HumanSize(size, 4),
            ["SharedSize"] = shared == -1 ? "N/A" : Units.HumanSize(shared, 4),
            ["UniqueSize"] = shared == -1 || size == -1 ? "N/A" : Units.HumanSize(size - shared, 4),
        };
    }

    private static Dictionary<string, List<string>> Group(List<string> references, Func<ImageReference, string?> part)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var text in references)
        {
            if (!ImageReference.TryParseNamed(text, out var reference) || part(reference) is not { } value)
            {
                continue;
            }

            if (!groups.TryGetValue(reference.FamiliarName, out var list))
            {
                groups[reference.FamiliarName] = list = [];
            }

            list.Add(value);
        }

        return groups;
    }

    private static List<string> Strings(JsonElement element, string name)
        => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList()
            : [];
}
