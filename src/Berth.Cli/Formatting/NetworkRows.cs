using System.Globalization;
using System.Text.Json;
using Berth.Cli.Templates;

namespace Berth.Cli.Formatting;

/// <summary><c>GET /networks</c> items as docker's networkContext offers them to <c>network ls --format</c>.</summary>
internal static class NetworkRows
{
    public const string DefaultTable = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";

    public static TemplateObject Header() => new("header")
    {
        ["ID"] = "NETWORK ID",
        ["Name"] = "NAME",
        ["Driver"] = "DRIVER",
        ["Scope"] = "SCOPE",
        ["IPv4"] = "IPV4",
        ["IPv6"] = "IPV6",
        ["Internal"] = "INTERNAL",
        ["Labels"] = "LABELS",
        ["Label"] = new TemplateMethod(args => args.Count > 0 ? GoValues.AsString(args[0]) : string.Empty),
        ["CreatedAt"] = "CREATED AT",
    };

    public static TemplateObject Create(JsonElement n, bool truncate)
    {
        var id = Str(n, "Id");
        var labels = n.TryGetProperty("Labels", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
        return new TemplateObject("*formatter.networkContext")
        {
            ["ID"] = truncate ? TextUtil.TruncateId(id) : id,
            ["Name"] = Str(n, "Name"),
            ["Driver"] = Str(n, "Driver"),
            ["Scope"] = Str(n, "Scope"),
            ["IPv4"] = Bool(n, "EnableIPv4", true),
            ["IPv6"] = Bool(n, "EnableIPv6", false),
            ["Internal"] = Bool(n, "Internal", false),
            ["Labels"] = labels.ValueKind == JsonValueKind.Object
                ? string.Join(',', labels.EnumerateObject().Select(x => x.Name + "=" + x.Value.GetString()).Order(StringComparer.Ordinal))
                : string.Empty,
            ["Label"] = new TemplateMethod(args => labels.ValueKind == JsonValueKind.Object && args.Count > 0
                && labels.TryGetProperty(GoValues.AsString(args[0]), out var v) ? v.GetString() : string.Empty),
            ["CreatedAt"] = n.TryGetProperty("Created", out var c) && c.ValueKind == JsonValueKind.String ? CreatedAt(c.GetString()!) : string.Empty,
        };
    }

    /// <summary>Go's <c>Time.String()</c> of an RFC 3339 time, keeping its fraction without trailing zeros.</summary>
    internal static string CreatedAt(string rfc3339)
    {
        if (!DateTimeOffset.TryParse(rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
        {
            return string.Empty;
        }

        var text = TimeText.GoTimeString(created);
        var dot = rfc3339.IndexOf('.');
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < rfc3339.Length && char.IsAsciiDigit(rfc3339[end]))
        {
            end++;
        }

        var fraction = rfc3339[(dot + 1)..end].TrimEnd('0');
        return fraction.Length == 0 ? text : text.Insert("yyyy-MM-dd HH:mm:ss".Length, "." + fraction);
    }

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;

    private static string Bool(JsonElement e, string name, bool fallback)
        => (e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback) ? "true" : "false";
}
