using System.Text;
using System.Text.Json;
using Berth.Cli.Commands;
using Berth.Cli.Templates;
using Berth.Core.Images;

namespace Berth.Cli.Formatting;

/// <summary>
/// <c>system df -v</c> as docker's verbose diskUsage context writes it: four tables (images,
/// containers, local volumes, build cache), each under its title and through its own
/// tabwriter; or, for any other format, the template run once over the four lists.
/// </summary>
internal static class DiskUsageDetail
{
    private const string ImageTable = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
    private const string ContainerTable = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";
    private const string VolumeTable = "table {{.Name}}\t{{.Links}}\t{{.Size}}";
    private const string BuildCacheTable = "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}";

    public static string Render(JsonElement df, string format, DateTimeOffset now)
    {
        bool table = format is "" or "table";
        var images = Images(df, table, now);
        var containers = Items(df, "Containers").Select(c =>
        {
            var row = ContainerRows.Create(c, table, now);
            row["Size"] = Units.HumanSize(ContainerRows.Long(c, "SizeRw")); // docker drops the virtual size here
            return row;
        }).ToList();
        var volumes = Items(df, "Volumes").Select(VolumeRows.Create).ToList();
        var cache = BuildCacheRows.Sorted(Items(df, "BuildCache")).Select(b => BuildCacheRows.Create(b, table, now)).ToList();
        if (!table)
        {
            var all = new TemplateObject("*formatter.diskUsageContext")
            {
                ["Images"] = images, ["Containers"] = containers, ["Volumes"] = volumes, ["BuildCache"] = cache,
            };
            return Execute(format == "json" ? "{{json .}}" : format, all);
        }

        var output = new StringBuilder("Images space usage:\n\n");
        output.Append(OutputFormatter.Create(ImageTable, ImageTable).Render(images, ImageRows.Header()));
        output.Append("\nContainers space usage:\n\n");
        output.Append(OutputFormatter.Create(ContainerTable, ContainerTable).Render(containers, ContainerRows.Header()));
        output.Append("\nLocal Volumes space usage:\n\n");
        output.Append(OutputFormatter.Create(VolumeTable, VolumeTable).Render(volumes, VolumeRows.Header()));
        output.Append("\nBuild cache usage: ").Append(Units.HumanSize(ContainerRows.Long(df, "BuilderSize"), 4)).Append("\n\n");
        output.Append(OutputFormatter.Create(BuildCacheTable, BuildCacheTable).Render(cache, BuildCacheRows.Header()));
        return output.ToString();
    }

    /// <summary>One row per image, named by its first tag only; an image whose first tag does not parse is left out, as docker does.</summary>
    private static List<TemplateObject> Images(JsonElement df, bool truncate, DateTimeOffset now)
    {
        var rows = new List<TemplateObject>();
        foreach (var image in Items(df, "Images"))
        {
            var tags = Strings(image, "RepoTags");
            bool dangling = tags is ["<none>:<none>"] && Strings(image, "RepoDigests") is ["<none>@<none>"];
            string repository = ImageRows.None, tag = ImageRows.None;
            if (tags.Count > 0 && !dangling)
            {
                if (!ImageReference.TryParseNamed(tags[0], out var reference))
                    continue;
                if (reference.Tag is { } t)
                    (repository, tag) = (reference.FamiliarName, t);
            }
            rows.Add(ImageRows.Row(image, repository, tag, ImageRows.None, truncate, now));
        }
        return rows;
    }

    private static string Execute(string format, TemplateObject data)
    {
        var text = format.Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        try
        {
            return GoTemplate.Parse(text).Execute(data);
        }
        catch (TemplateException ex)
        {
            throw new CliFailure("template parsing error: " + ex.Message);
        }
    }

    private static List<JsonElement> Items(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [];

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
}
