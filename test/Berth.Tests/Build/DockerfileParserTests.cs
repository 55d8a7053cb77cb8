using Berth.Core.Errors;
using Berth.Engine.Build;

namespace Berth.Tests.Build;

public sealed class DockerfileParserTests
{
    private static IReadOnlyList<Instruction> Parse(string text) => DockerfileParser.Parse(text).Instructions;

    private static string ParseError(string text) => Assert.Throws<BerthException>(() => DockerfileParser.Parse(text)).Message;

    [Fact]
    public void Instructions_are_case_insensitive_and_keep_their_line()
    {
        var ins = Parse("from busybox\n\nrun echo hi\n");
        Assert.Equal(["FROM", "RUN"], ins.Select(i => i.Keyword));
        Assert.Equal([1, 3], ins.Select(i => i.Line));
        Assert.Equal("echo hi", ins[1].Text);
        Assert.Equal("run echo hi", ins[1].Original);
    }

    [Fact]
    public void Comments_and_blank_lines_are_skipped_even_inside_a_continuation()
    {
        var ins = Parse("# a comment\nFROM busybox\nRUN echo a \\\n# inside\n\n  && echo b\n");
        Assert.Equal(2, ins.Count);
        Assert.Equal("echo a   && echo b", ins[1].Text);
    }

    [Fact]
    public void A_continuation_may_have_trailing_blanks_after_the_escape()
    {
        var ins = Parse("FROM busybox\nRUN echo a \\  \n b\n");
        Assert.Equal("echo a  b", ins[1].Text);
    }

    [Fact]
    public void The_escape_directive_changes_the_continuation_character()
    {
        var file = DockerfileParser.Parse("# escape=`\nFROM busybox\nRUN dir c:\\ `\n  /w\n");
        Assert.Equal('`', file.Escape);
        Assert.Equal("dir c:\\   /w", file.Instructions[1].Text);
    }

    [Fact]
    public void The_syntax_directive_is_accepted()
    {
        Assert.Single(Parse("# syntax=docker/dockerfile:1\nFROM busybox\n"));
    }

    [Fact]
    public void A_directive_after_an_instruction_is_a_comment()
    {
        var file = DockerfileParser.Parse("FROM busybox\n# escape=`\nRUN a \\\n b\n");
        Assert.Equal('\\', file.Escape);
        Assert.Equal("a  b", file.Instructions[1].Text);
    }

    [Fact]
    public void A_repeated_directive_is_refused()
    {
        Assert.Contains("only one escape parser directive", ParseError("# escape=`\n# escape=\\\nFROM busybox\n"));
    }

    [Fact]
    public void A_bad_escape_is_refused()
    {
        Assert.Contains("invalid escape token", ParseError("# escape=x\nFROM busybox\n"));
    }

    [Fact]
    public void An_unknown_instruction_names_its_line_as_docker_does()
    {
        Assert.Equal("dockerfile parse error line 2: unknown instruction: FOO", ParseError("FROM busybox\nFOO bar\n"));
    }

    [Fact]
    public void Exec_form_is_parsed_as_json()
    {
        var ins = Parse("FROM busybox\nCMD [\"echo\", \"a b\"]\nENTRYPOINT [\"sh\"\n");
        Assert.Equal(["echo", "a b"], ins[1].Json!);
        Assert.Null(ins[2].Json); // not valid JSON: shell form, as Docker
    }

    [Fact]
    public void Flags_are_split_off_and_unknown_flags_refused()
    {
        var ins = Parse("FROM busybox\nCOPY --from=build --chown=1:2 a b\n");
        Assert.Equal("build", ins[1].Flag("from"));
        Assert.Equal("1:2", ins[1].Flag("chown"));
        Assert.Null(ins[1].Flag("chmod"));
        Assert.Equal("a b", ins[1].Text);
        Assert.Equal("dockerfile parse error line 2: Unknown flag: bogus", ParseError("FROM busybox\nCOPY --bogus=1 a b\n"));
    }

    [Fact]
    public void BuildKit_only_RUN_flags_are_refused_by_name()
    {
        Assert.Contains("--mount", ParseError("FROM busybox\nRUN --mount=type=cache,target=/x true\n"));
    }

    [Fact]
    public void A_RUN_heredoc_is_read_to_its_terminator()
    {
        var ins = Parse("FROM busybox\nRUN <<EOF\necho a\necho b\nEOF\nCMD x\n");
        Assert.Equal(3, ins.Count);
        var doc = Assert.Single(ins[1].Heredocs);
        Assert.Equal("EOF", doc.Name);
        Assert.Equal("echo a\necho b\n", doc.Content);
        Assert.True(doc.Expand);
    }

    [Fact]
    public void A_quoted_heredoc_is_not_expanded_and_dash_strips_tabs()
    {
        var ins = Parse("FROM busybox\nCOPY <<-\"EOT\" /f\n\thello $X\n\tEOT\n");
        var doc = Assert.Single(ins[1].Heredocs);
        Assert.False(doc.Expand);
        Assert.Equal("hello $X\n", doc.Content);
    }

    [Fact]
    public void An_unterminated_heredoc_is_an_error()
    {
        Assert.Contains("unterminated heredoc", ParseError("FROM busybox\nRUN <<EOF\necho\n"));
    }

    [Theory]
    [InlineData("FROM\n", "FROM requires either one or three arguments")]
    [InlineData("FROM a b\n", "FROM requires either one or three arguments")]
    [InlineData("FROM busybox\nRUN\n", "RUN requires at least one argument")]
    [InlineData("FROM busybox\nENV\n", "ENV requires at least one argument")]
    [InlineData("FROM busybox\nENV A\n", "ENV must have two arguments")]
    [InlineData("FROM busybox\nCOPY a\n", "COPY requires at least two arguments")]
    [InlineData("FROM busybox\nSHELL sh -c\n", "SHELL requires the arguments to be in JSON form")]
    [InlineData("FROM busybox\nONBUILD ONBUILD RUN x\n", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")]
    [InlineData("FROM busybox\nONBUILD FROM x\n", "FROM isn't allowed as an ONBUILD trigger")]
    [InlineData("FROM busybox\nHEALTHCHECK FOO\n", "in HEALTHCHECK (try CMD)")]
    [InlineData("FROM busybox\nWORKDIR\n", "WORKDIR requires exactly one argument")]
    public void Argument_errors_use_docker_texts(string text, string message)
    {
        string error = ParseError(text);
        Assert.StartsWith("dockerfile parse error line ", error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void An_empty_dockerfile_is_refused()
    {
        Assert.Equal("failed to parse Dockerfile: file with no instructions", ParseError("# just a comment\n\n"));
    }

    [Fact]
    public void From_with_a_stage_name_and_every_instruction_parse()
    {
        var ins = Parse("""
            ARG V=1
            FROM busybox:${V} AS build
            MAINTAINER me
            LABEL a=b "c d"="e f"
            EXPOSE 80 53/udp
            VOLUME ["/data"]
            USER nobody
            STOPSIGNAL SIGTERM
            SHELL ["/bin/sh", "-ec"]
            HEALTHCHECK --interval=5s --retries=3 CMD true
            ONBUILD RUN echo child
            ADD a.tar /x/
            """);
        Assert.Equal(["ARG", "FROM", "MAINTAINER", "LABEL", "EXPOSE", "VOLUME", "USER", "STOPSIGNAL", "SHELL", "HEALTHCHECK", "ONBUILD", "ADD"], ins.Select(i => i.Keyword));
        Assert.Equal("5s", ins[9].Flag("interval"));
        Assert.Equal(["/data"], ins[5].Json!);
    }
}
