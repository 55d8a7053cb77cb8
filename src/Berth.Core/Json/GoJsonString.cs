using System.Globalization;
using System.Text;

namespace Berth.Core.Json;

/// <summary>
/// A JSON string as Go's encoding/json (Go 1.22 and later) writes it, for output that must
/// match Docker's byte for byte: <c>\" \\ \b \f \n \r \t</c>, other control characters and
/// U+2028/U+2029 as lowercase <c>\u00xx</c> escapes, non-ASCII left as is, and
/// <c>&lt; &gt; &amp;</c> escaped only when HTML escaping is on (<c>json.Marshal</c>'s default,
/// off for an <c>Encoder</c> with <c>SetEscapeHTML(false)</c>).
/// </summary>
public static class GoJsonString
{
    public static string Quote(string text, bool escapeHtml = true)
    {
        var builder = new StringBuilder(text.Length + 2);
        Append(builder, text, escapeHtml);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, string text, bool escapeHtml = true)
    {
        builder.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ' or '\u2028' or '\u2029':
                case '<' or '>' or '&' when escapeHtml:
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }
        builder.Append('"');
    }
}
