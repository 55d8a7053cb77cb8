using System.Text;
using System.Text.Json;
using Berth.Cli.Templates;

namespace Berth.Cli.Formatting;

/// <summary>
/// <c>GET /events</c> messages as docker's <c>events</c> prints them: the default line
/// ("TIME TYPE ACTION ID (k=v, ...)", attributes sorted), or the fields of Go's
/// <c>events.Message</c> for <c>--format</c>, whose <c>{{json .}}</c> keeps the struct's field order.
/// </summary>
internal static class EventRows
{
    public static string Line(JsonElement e)
    {
        var line = new StringBuilder();
        var timeNano = Long(e, "timeNano");
        var time = Long(e, "time");
        if (timeNano != 0 || time != 0)
        {
            line.Append(TimeText.Rfc3339NanoFixed(timeNano != 0 ? timeNano : time * 1_000_000_000L)).Append(' ');
        }

        var actor = Get(e, "Actor");
        line.Append(Str(e, "Type")).Append(' ').Append(Str(e, "Action")).Append(' ').Append(Str(actor, "ID"));
        var attributes = Attributes(actor).ToList();
        if (attributes.Count > 0)
        {
            line.Append(" (").AppendJoin(", ", attributes.Select(a => a.Key + "=" + a.Value)).Append(')');
        }

        return line.Append('\n').ToString();
    }

    /// <summary>The template data of one message; <c>default</c> gives the empty message docker validates templates on.</summary>
    public static TemplateObject Create(JsonElement e)
    {
        var actor = Get(e, "Actor");
        var attributes = Attributes(actor).ToList();
        var actorJson = Marshal(json =>
        {
            json.WriteString("ID", Str(actor, "ID"));
            json.WritePropertyName("Attributes");
            if (attributes.Count == 0)
            {
                json.WriteNullValue();
                return;
            }

            json.WriteStartObject();
            foreach (var (key, value) in attributes)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        });
        return new TemplateObject("*events.Message")
        {
            ["Status"] = Str(e, "status"),
            ["ID"] = Str(e, "id"),
            ["From"] = Str(e, "from"),
            ["Type"] = Str(e, "Type"),
            ["Action"] = Str(e, "Action"),
            ["Actor"] = new TemplateObject("events.Actor")
            {
                ["ID"] = Str(actor, "ID"),
                ["Attributes"] = attributes.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal),
                Json = actorJson,
            },
            ["Scope"] = Str(e, "scope"),
            ["Time"] = Long(e, "time"),
            ["TimeNano"] = Long(e, "timeNano"),
            Json = Marshal(json => MessageFields(json, e, actorJson)),
        };
    }

    /// <summary>Go's encoding of events.Message: declared order, <c>omitempty</c> where tagged.</summary>
    private static void MessageFields(Utf8JsonWriter json, JsonElement e, JsonElement actor)
    {
        foreach (var name in new[] { "status", "id", "from" })
        {
            if (Str(e, name) is { Length: > 0 } value)
            {
                json.WriteString(name, value);
            }
        }

        json.WriteString("Type", Str(e, "Type"));
        json.WriteString("Action", Str(e, "Action"));
        json.WritePropertyName("Actor");
        actor.WriteTo(json);
        if (Str(e, "scope") is { Length: > 0 } scope)
        {
            json.WriteString("scope", scope);
        }

        foreach (var name in new[] { "time", "timeNano" })
        {
            if (Long(e, name) is not 0 and var value)
            {
                json.WriteNumber(name, value);
            }
        }
    }

    private static JsonElement Marshal(Action<Utf8JsonWriter> writeFields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeFields(json);
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static IEnumerable<KeyValuePair<string, string>> Attributes(JsonElement actor)
        => Get(actor, "Attributes") is { ValueKind: JsonValueKind.Object } attributes
            ? attributes.EnumerateObject().Select(a => KeyValuePair.Create(a.Name, a.Value.GetString() ?? string.Empty)).OrderBy(a => a.Key, StringComparer.Ordinal)
            : [];

    private static JsonElement Get(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    private static string Str(JsonElement e, string name) => ContainerRows.Str(e, name);

    private static long Long(JsonElement e, string name) => ContainerRows.Long(e, name);
}
