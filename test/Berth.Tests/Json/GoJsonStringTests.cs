using Berth.Core.Json;

namespace Berth.Tests.Json;

public sealed class GoJsonStringTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("\b\f\n\r\t\u0001\u001f", "\"\\b\\f\\n\\r\\t\\u0001\\u001f\"")]
    [InlineData("a<b>&c", "\"a\\u003cb\\u003e\\u0026c\"")]
    [InlineData("\u2028\u2029é", "\"\\u2028\\u2029é\"")]
    public void Escapes_as_go_json_marshal(string text, string expected) => Assert.Equal(expected, GoJsonString.Quote(text));

    [Fact]
    public void Html_characters_stay_literal_without_html_escaping() =>
        Assert.Equal("\"a<b>&c\\u2028\"", GoJsonString.Quote("a<b>&c\u2028", escapeHtml: false));
}
