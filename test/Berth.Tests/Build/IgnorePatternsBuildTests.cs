using Berth.Core.Build;

namespace Berth.Tests.Build;

/// <summary>.dockerignore rules, from Docker's documentation and patternmatcher tests.</summary>
public sealed class IgnorePatternsBuildTests
{
    [Theory]
    [InlineData("*.md", "README.md", true)]
    [InlineData("*.md", "docs/README.md", false)]
    [InlineData("*/*.md", "docs/README.md", true)]
    [InlineData("**/*.md", "a/b/c.md", true)]
    [InlineData("**/*.md", "c.md", true)]
    [InlineData("temp?", "temp1", true)]
    [InlineData("temp?", "temp12", false)]
    [InlineData("sub", "sub/x", true)]
    [InlineData("/sub/", "sub/x", true)]
    [InlineData("./sub", "sub", true)]
    [InlineData("node_modules", "a/node_modules", false)]
    [InlineData("**/node_modules", "a/node_modules/x", true)]
    [InlineData("[a-c].txt", "b.txt", true)]
    [InlineData("[!a-c].txt", "b.txt", false)]
    public void Patterns_match_as_docker_does(string pattern, string path, bool excluded)
    {
        Assert.Equal(excluded, new IgnorePatterns(pattern).Excludes(path));
    }

    [Fact]
    public void Exceptions_reinclude_and_the_last_match_wins()
    {
        var p = new IgnorePatterns("# comment\n*.md\n!README.md\nREADME*.md\n!README-keep.md\n");
        Assert.True(p.Excludes("notes.md"));
        Assert.True(p.Excludes("README.md"));
        Assert.False(p.Excludes("README-keep.md"));
        Assert.False(p.Excludes("main.go"));
        Assert.True(p.HasExceptions);
    }

    [Fact]
    public void Comments_and_blank_lines_match_nothing()
    {
        var p = new IgnorePatterns("\n# x\n   \n");
        Assert.True(p.IsEmpty);
        Assert.False(p.Excludes("x"));
    }
}
