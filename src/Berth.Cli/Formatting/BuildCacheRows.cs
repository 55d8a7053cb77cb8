using System.Globalization;
using System.Text.Json;
using Berth.Cli.Templates;

namespace Berth.Cli.Formatting;

/// <summary>
/// One build cache record of <c>GET /system/df</c> as docker's buildCacheContext shows it: the
/// ID marked with <c>*</c> while in use, sizes to 3 significant digits, times relative to now.
/// </summary>
internal static class BuildCacheRows
{
    public static TemplateObject Header() => new("header")
    {
        ["ID"] = "CACHE ID",
        ["Parent"] = "PARENT",
        ["CacheType"] = "CACHE TYPE",
        ["Size"] = "SIZE",
        ["CreatedSince"] = "CREATED",
        ["LastUsedSince"] = "LAST USED",
        ["UsageCount"] = "USAGE",
        ["InUse"] = "IN USE",
        ["Shared"] = "SHARED",
        ["Description"] = "DESCRIPTION",
    };

    public static TemplateObject Create(JsonElement record, bool truncate, DateTimeOffset now)
    {
        string id = ContainerRows.Str(record, "ID");
        var parents = record.TryGetProperty("Parents", out var p) && p.ValueKind == JsonValueKind.Array
            ? string.Join(", ", p.EnumerateArray().Select(x => x.GetString()))
            : ContainerRows.Str(record, "Parent");
        var created = Time(record, "CreatedAt");
        var lastUsed = Time(record, "LastUsedAt");
        return new TemplateObject("*formatter.buildCacheContext")
        {
            ["ID"] = (truncate ? TextUtil.TruncateId(id) : id) + (Bool(record, "InUse") ? "*" : ""),
            ["Parent"] = truncate ? TextUtil.TruncateId(parents) : parents,
            ["CacheType"] = ContainerRows.Str(record, "Type"),
            ["Description"] = ContainerRows.Str(record, "Description"),
            ["Size"] = Units.HumanSize(ContainerRows.Long(record, "Size")),
            ["CreatedSince"] = Units.HumanDuration(now - (created ?? now)) + " ago",
            ["LastUsedSince"] = lastUsed is { } used ? Units.HumanDuration(now - used) + " ago" : "",
            ["UsageCount"] = ContainerRows.Long(record, "UsageCount").ToString(CultureInfo.InvariantCulture),
            ["InUse"] = Bool(record, "InUse") ? "true" : "false",
            ["Shared"] = Bool(record, "Shared") ? "true" : "false",
        };
    }

    /// <summary>docker's buildCacheSort: never-used records first, then by last use, ties by ID.</summary>
    public static List<JsonElement> Sorted(IEnumerable<JsonElement> records) =>
        records.OrderBy(r => Time(r, "LastUsedAt") is null ? 0 : 1)
            .ThenBy(r => Time(r, "LastUsedAt") ?? DateTimeOffset.MinValue)
            .ThenBy(r => ContainerRows.Str(r, "ID"), StringComparer.Ordinal)
            .ToList();

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        ContainerRows.Str(e, name) is { Length: > 0 } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
