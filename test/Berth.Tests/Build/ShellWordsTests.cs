using Berth.Core.Errors;
using Berth.Engine.Build;

namespace Berth.Tests.Build;

/// <summary>Substitution rules from the Dockerfile reference ("Environment replacement") and BuildKit's lexer tests.</summary>
public sealed class ShellWordsTests
{
    private static readonly Dictionary<string, string> s_env = new() { ["A"] = "a", ["EMPTY"] = "", ["SP"] = "x y" };
    private readonly ShellWords _words = new();

    [Theory]
    [InlineData("$A", "a")]
    [InlineData("${A}", "a")]
    [InlineData("pre${A}post", "preapost")]
    [InlineData("$A/b", "a/b")]
    [InlineData("$UNSET", "")]
    [InlineData("${UNSET:-dflt}", "dflt")]
    [InlineData("${EMPTY:-dflt}", "dflt")]
    [InlineData("${EMPTY-dflt}", "")]
    [InlineData("${UNSET-dflt}", "dflt")]
    [InlineData("${A:-dflt}", "a")]
    [InlineData("${A:+alt}", "alt")]
    [InlineData("${EMPTY:+alt}", "")]
    [InlineData("${EMPTY+alt}", "alt")]
    [InlineData("${UNSET:+alt}", "")]
    [InlineData("${UNSET:-${A}}", "a")]
    [InlineData("'$A'", "$A")]
    [InlineData("\"$A\"", "a")]
    [InlineData("\\$A", "$A")]
    [InlineData("\"\\$A\"", "$A")]
    [InlineData("\"a \\\" b\"", "a \" b")]
    [InlineData("a\\ b", "a b")]
    [InlineData("$", "$")]
    [InlineData("$1", "$1")]
    public void Words_are_substituted_as_docker_does(string text, string expected)
    {
        Assert.Equal(expected, _words.ProcessWord(text, s_env));
    }

    [Fact]
    public void Words_split_at_unquoted_spaces_after_substitution_of_quoted_text()
    {
        Assert.Equal(["80", "x y", "a"], _words.ProcessWords("80 \"$SP\"  $A", s_env));
    }

    [Fact]
    public void Required_variables_fail_with_their_message()
    {
        var e = Assert.Throws<BerthException>(() => _words.ProcessWord("${UNSET:?must be set}", s_env));
        Assert.Contains("UNSET: must be set", e.Message);
    }

    [Fact]
    public void An_unterminated_quote_is_an_error()
    {
        Assert.Throws<BerthException>(() => _words.ProcessWord("'abc", s_env));
    }

    [Fact]
    public void The_escape_character_can_be_a_backtick()
    {
        Assert.Equal("$A", new ShellWords('`').ProcessWord("`$A", s_env));
    }
}
