namespace Berth.Cli.Formatting;

/// <summary>Small text helpers docker's formatters share.</summary>
internal static class TextUtil
{
    /// <summary>stringid.TruncateID: drops an algorithm prefix ("sha256:") and keeps 12 characters.</summary>
    public static string TruncateId(string id)
    {
        var colon = id.IndexOf(':');
        if (colon >= 0)
        {
            id = id[(colon + 1)..];
        }

        return id.Length > 12 ? id[..12] : id;
    }

    /// <summary>formatter.Ellipsis: cuts to <paramref name="width"/> characters, the last being "…".</summary>
    public static string Ellipsis(string text, int width)
    {
        if (width <= 0)
        {
            return string.Empty;
        }

        var runes = text.EnumerateRunes().ToArray();
        if (runes.Length <= width)
        {
            return text;
        }

        return width == 1 ? runes[0].ToString() : string.Concat(runes.Take(width - 1).Select(r => r.ToString())) + "…";
    }

    /// <summary>strconv.Quote for printable text: quotes and escapes like Go.</summary>
    public static string Quote(string text) => Templates.GoJson.Serialize(text).Replace("\\u00", "\\x", StringComparison.Ordinal);
}
