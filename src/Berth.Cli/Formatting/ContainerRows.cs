using System.Text.Json;
using Berth.Cli.Templates;
using Berth.Core.Images;

namespace Berth.Cli.Formatting;

/// <summary>
/// Turns <c>GET /containers/json</c> items into the fields docker's ContainerContext offers to
/// <c>ps --format</c> (ID, Image, Command, CreatedAt, RunningFor, Ports, State, Status, Size,
/// Names, Labels, Label, Mounts, LocalVolumes, Networks, Platform).
/// </summary>
internal static class ContainerRows
{
    public const string DefaultTable = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    public static TemplateObject Header() => new("header")
    {
        ["ID"] = "CONTAINER ID",
        ["Image"] = "IMAGE",
        ["Command"] = "COMMAND",
        ["CreatedAt"] = "CREATED AT",
        ["RunningFor"] = "CREATED",
        ["Ports"] = "PORTS",
        ["State"] = "STATE",
        ["Status"] = "STATUS",
        ["Size"] = "SIZE",
        ["Names"] = "NAMES",
        ["Labels"] = "LABELS",
        ["Label"] = new TemplateMethod(args => args.Count > 0 ? GoValues.AsString(args[0]) : string.Empty),
        ["Mounts"] = "MOUNTS",
        ["LocalVolumes"] = "LOCAL VOLUMES",
        ["Networks"] = "NETWORKS",
        ["Platform"] = "PLATFORM",
    };

    public static TemplateObject Create(JsonElement c, bool truncate, DateTimeOffset now)
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(Long(c, "Created"));
        var labels = c.TryGetProperty("Labels", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
        return new TemplateObject("*formatter.ContainerContext")
        {
            ["ID"] = truncate ? TextUtil.TruncateId(Str(c, "Id")) : Str(c, "Id"),
            ["Image"] = Image(c, truncate),
            ["Command"] = TextUtil.Quote(truncate ? TextUtil.Ellipsis(Str(c, "Command"), 20) : Str(c, "Command")),
            ["CreatedAt"] = TimeText.GoTimeString(created),
            ["RunningFor"] = Units.HumanDuration(now - created) + " ago",
            ["Ports"] = PortText.Displayable(c.TryGetProperty("Ports", out var p) ? p : default),
            ["State"] = Str(c, "State"),
            ["Status"] = Str(c, "Status"),
            ["Size"] = Size(c),
            ["Names"] = Names(c, truncate),
            ["Labels"] = labels.ValueKind == JsonValueKind.Object
                ? string.Join(',', labels.EnumerateObject().Select(x => x.Name + "=" + x.Value.GetString()).Order(StringComparer.Ordinal))
                : string.Empty,
            ["Label"] = new TemplateMethod(args => labels.ValueKind == JsonValueKind.Object && args.Count > 0
                && labels.TryGetProperty(GoValues.AsString(args[0]), out var v) ? v.GetString() : string.Empty),
            ["Mounts"] = string.Join(',', Mounts(c).Select(m => truncate ? TextUtil.Ellipsis(m.Name, 15) : m.Name)),
            ["LocalVolumes"] = Mounts(c).Count(m => m.Driver == "local").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Networks"] = Networks(c),
            ["Platform"] = null,
        };
    }

    private static string Image(JsonElement c, bool truncate)
    {
        var image = Str(c, "Image");
        if (image.Length == 0)
        {
            return "<no image>";
        }

        if (!truncate)
        {
            return image;
        }

        var shortId = TextUtil.TruncateId(Str(c, "ImageID"));
        if (shortId == TextUtil.TruncateId(image))
        {
            return shortId;
        }

        // Digests are dropped from the display unless --no-trunc.
        return ImageReference.TryParseNamed(image, out var reference)
            ? reference.WithoutDigest().FamiliarString
            : image;
    }

    private static string Names(JsonElement c, bool truncate)
    {
        var names = c.TryGetProperty("Names", out var n) && n.ValueKind == JsonValueKind.Array
            ? n.EnumerateArray().Select(x => (x.GetString() ?? string.Empty).TrimStart('/')).ToList()
            : [];
        if (truncate && names.FirstOrDefault(x => !x.Contains('/')) is { } primary)
        {
            return primary;
        }

        return string.Join(',', names);
    }

    private static string Size(JsonElement c)
    {
        var readWrite = Units.HumanSize(Long(c, "SizeRw"));
        var rootFs = Long(c, "SizeRootFs");
        return rootFs > 0 ? $"{readWrite} (virtual {Units.HumanSize(rootFs)})" : readWrite;
    }

    private static List<(string Name, string Driver)> Mounts(JsonElement c)
        => c.TryGetProperty("Mounts", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(x => (Str(x, "Name") is { Length: > 0 } name ? name : Str(x, "Source"), Str(x, "Driver"))).ToList()
            : [];

    private static string Networks(JsonElement c)
        => c.TryGetProperty("NetworkSettings", out var s) && s.ValueKind == JsonValueKind.Object
            && s.TryGetProperty("Networks", out var n) && n.ValueKind == JsonValueKind.Object
            ? string.Join(',', n.EnumerateObject().Select(x => x.Name).Order(StringComparer.Ordinal))
            : string.Empty;

    internal static string Str(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;

    internal static long Long(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
