using Berth.Cli.Flags;

namespace Berth.Tests.Cli.Flags;

public sealed class FlagUsagesTests
{
    [Fact]
    public void AlignsLikeDockerHelp()
    {
        var flags = new FlagSet();
        flags.Bool("volumes", 'v', "Remove anonymous volumes associated with the container");
        flags.Bool("force", 'f', "Force the removal of a running container (uses SIGKILL)");
        flags.Bool("link", 'l', "Remove the specified link");

        var expected =
            "  -f, --force     Force the removal of a running container (uses SIGKILL)\n" +
            "  -l, --link      Remove the specified link\n" +
            "  -v, --volumes   Remove anonymous volumes associated with the container\n";
        Assert.Equal(expected, FlagUsages.Render(flags.Flags, 79));
    }

    [Fact]
    public void WrapsLongUsageAndShowsDefaults()
    {
        var flags = new FlagSet();
        flags.Int("last", 'n', "Show n last created containers (includes all states)", -1);
        flags.String("format", null, "Format output");

        var expected =
            "      --format string   Format output\n" +
            "  -n, --last int        Show n last created containers (includes all\n" +
            "                        states) (default -1)\n";
        Assert.Equal(expected, FlagUsages.Render(flags.Flags, 79));
    }
}
