using System.Text.Json;
using Berth.Cli.Templates;

namespace Berth.Cli.Formatting;

/// <summary><c>GET /volumes</c> items as docker's volumeContext offers them to <c>volume ls --format</c>.</summary>
internal static class VolumeRows
{
    public const string DefaultTable = "table {{.Driver}}\t{{.Name}}";

    public static TemplateObject Header() => new("header")
    {
        ["Name"] = "VOLUME NAME",
        ["Driver"] = "DRIVER",
        ["Scope"] = "SCOPE",
        ["Mountpoint"] = "MOUNTPOINT",
        ["Labels"] = "LABELS",
        ["Label"] = new TemplateMethod(args => args.Count > 0 ? GoValues.AsString(args[0]) : string.Empty),
        ["Links"] = "LINKS",
        ["Size"] = "SIZE",
        ["Group"] = "GROUP",
        ["Availability"] = "AVAILABILITY",
        ["Status"] = "STATUS",
    };

    public static TemplateObject Create(JsonElement v)
    {
        var labels = v.TryGetProperty("Labels", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
        // Links and Size come from UsageData, which only system df fills: "N/A" elsewhere, as docker shows it.
        var usage = v.TryGetProperty("UsageData", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        return new TemplateObject("*formatter.volumeContext")
        {
            ["Name"] = Str(v, "Name"),
            ["Driver"] = Str(v, "Driver"),
            ["Scope"] = Str(v, "Scope"),
            ["Mountpoint"] = Str(v, "Mountpoint"),
            ["Labels"] = labels.ValueKind == JsonValueKind.Object
                ? string.Join(',', labels.EnumerateObject().Select(x => x.Name + "=" + x.Value.GetString()).Order(StringComparer.Ordinal))
                : string.Empty,
            ["Label"] = new TemplateMethod(args => labels.ValueKind == JsonValueKind.Object && args.Count > 0
                && labels.TryGetProperty(GoValues.AsString(args[0]), out var x) ? x.GetString() : string.Empty),
            ["Links"] = usage.ValueKind == JsonValueKind.Object ? ContainerRows.Long(usage, "RefCount").ToString(System.Globalization.CultureInfo.InvariantCulture) : "N/A",
            ["Size"] = usage.ValueKind == JsonValueKind.Object ? Units.HumanSize(ContainerRows.Long(usage, "Size"), 4) : "N/A",
            ["Group"] = "N/A",
            ["Availability"] = "N/A",
            ["Status"] = "N/A",
        };
    }

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
}
