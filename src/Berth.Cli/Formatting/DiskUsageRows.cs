using System.Text.Json;
using Berth.Cli.Templates;

namespace Berth.Cli.Formatting;

/// <summary>
/// <c>GET /system/df</c> as docker's diskUsage contexts sum it for <c>system df</c>: one row per
/// kind, reclaimable being what no running container (or build) holds, with its share in
/// percent where docker prints one.
/// </summary>
internal static class DiskUsageRows
{
    public const string DefaultTable = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";

    public static TemplateObject Header() => new("header")
    {
        ["Type"] = "TYPE",
        ["TotalCount"] = "TOTAL",
        ["Active"] = "ACTIVE",
        ["Size"] = "SIZE",
        ["Reclaimable"] = "RECLAIMABLE",
    };

    public static IEnumerable<TemplateObject> Create(JsonElement df)
    {
        var images = Items(df, "Images");
        long layersSize = Long(df, "LayersSize");
        long imagesUsed = images.Where(i => Long(i, "Containers") != 0 && Long(i, "Size") != -1 && Long(i, "SharedSize") != -1)
            .Sum(i => Long(i, "Size") - Long(i, "SharedSize"));
        yield return Row("Images", images.Count, images.Count(i => Long(i, "Containers") > 0), layersSize, WithShare(layersSize - imagesUsed, layersSize));

        var containers = Items(df, "Containers");
        long containersSize = containers.Sum(c => Long(c, "SizeRw"));
        long idle = containers.Where(c => !IsActive(c)).Sum(c => Long(c, "SizeRw"));
        yield return Row("Containers", containers.Count, containers.Count(IsActive), containersSize, WithShare(idle, containersSize));

        var volumes = Items(df, "Volumes").Select(v => v.TryGetProperty("UsageData", out var u) && u.ValueKind == JsonValueKind.Object ? u : default).ToList();
        var sized = volumes.Where(u => u.ValueKind == JsonValueKind.Object && Long(u, "Size") != -1).ToList();
        long volumesSize = sized.Sum(u => Long(u, "Size"));
        long unused = sized.Where(u => Long(u, "RefCount") == 0).Sum(u => Long(u, "Size"));
        yield return Row("Local Volumes", volumes.Count, volumes.Count(u => u.ValueKind == JsonValueKind.Object && Long(u, "RefCount") > 0),
            volumesSize, WithShare(unused, volumesSize));

        // As the docker CLI: a shared record's bytes belong to what shares it, so only the others count.
        var cache = Items(df, "BuildCache");
        long own = cache.Where(b => !Bool(b, "Shared")).Sum(b => Long(b, "Size"));
        long inUse = cache.Where(b => Bool(b, "InUse") && !Bool(b, "Shared")).Sum(b => Long(b, "Size"));
        yield return Row("Build Cache", cache.Count, cache.Count(b => Bool(b, "InUse")), own, HumanSize(own - inUse));
    }

    private static TemplateObject Row(string type, int total, int active, long size, string reclaimable) => new("*formatter.diskUsageContext")
    {
        ["Type"] = type,
        ["TotalCount"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Active"] = active.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Size"] = HumanSize(size),
        ["Reclaimable"] = reclaimable,
    };

    private static string WithShare(long reclaimable, long total) =>
        total > 0 ? $"{HumanSize(reclaimable)} ({reclaimable * 100 / total}%)" : HumanSize(reclaimable);

    /// <summary>go-units' <c>HumanSize</c> (4 significant digits), which docker's df uses, not the tables' 3.</summary>
    private static string HumanSize(long size) => Units.HumanSize(size, 4);

    private static bool IsActive(JsonElement c) =>
        c.TryGetProperty("State", out var s) && s.GetString() is "running" or "paused" or "restarting";

    private static List<JsonElement> Items(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [];

    private static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
