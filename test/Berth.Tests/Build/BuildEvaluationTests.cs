using Berth.Core.Errors;
using Berth.Engine.Build;

namespace Berth.Tests.Build;

/// <summary>The evaluator's pure pieces: ARG parsing, word splitting, Docker's history texts, paths, durations.</summary>
public sealed class BuildEvaluationTests
{
    private static Instruction Line(string text) => DockerfileParser.ParseInstruction(text, 1);

    [Fact]
    public void ARG_gives_names_with_substituted_defaults_or_none()
    {
        var args = BuildService.ParseArg(Line("ARG A=1 B C=${X:-x}y"), new ShellWords(), new Dictionary<string, string>()).ToList();
        Assert.Equal([("A", "1"), ("B", null), ("C", "xy")], args);
    }

    [Fact]
    public void A_blank_ARG_name_is_refused()
    {
        Assert.Throws<BerthException>(() => BuildService.ParseArg(Line("ARG =1"), new ShellWords(), new Dictionary<string, string>()).ToList());
    }

    [Fact]
    public void Splitting_keeps_quoted_spaces_and_escapes_for_later()
    {
        Assert.Equal(["a=\"b c\"", "d='e f'", "g\\ h"], BuildService.SplitUnquoted("a=\"b c\"  d='e f' g\\ h"));
    }

    [Fact]
    public void CMD_history_text_is_gos_quoted_slice()
    {
        Assert.Equal("[\"sh\" \"-c\" \"echo $A > /f\"]", BuildService.GoQuote(["sh", "-c", "echo $A > /f"]));
    }

    [Theory]
    [InlineData("/app/../x/./y/", "/x/y")]
    [InlineData("/", "/")]
    [InlineData("/a/../../b", "/b")]
    public void Paths_are_cleaned_as_gos_filepath_clean(string path, string expected)
    {
        Assert.Equal(expected, BuildService.CleanPath(path));
    }

    [Theory]
    [InlineData("30s", 30_000_000_000L)]
    [InlineData("1m30s", 90_000_000_000L)]
    [InlineData("500ms", 500_000_000L)]
    [InlineData("1h", 3_600_000_000_000L)]
    [InlineData("0", 0L)]
    public void HEALTHCHECK_durations_parse_as_go_durations(string text, long nanoseconds)
    {
        Assert.Equal(nanoseconds, GoDuration.Parse(text, 1, "interval"));
    }

    [Fact]
    public void A_bad_duration_names_its_line()
    {
        var e = Assert.Throws<BerthException>(() => GoDuration.Parse("5 seconds", 4, "interval"));
        Assert.StartsWith("dockerfile parse error line 4:", e.Message);
    }

    [Fact]
    public void A_shift_in_arithmetic_is_not_a_heredoc()
    {
        var ins = DockerfileParser.Parse("FROM busybox\nRUN echo $((1<<2))\n").Instructions;
        Assert.Empty(ins[1].Heredocs);
    }

    [Fact]
    public void A_heredoc_after_a_command_is_found()
    {
        var ins = DockerfileParser.Parse("FROM busybox\nRUN cat <<EOF > /f\nline\nEOF\n").Instructions;
        Assert.Equal("line\n", Assert.Single(ins[1].Heredocs).Content);
    }
}
