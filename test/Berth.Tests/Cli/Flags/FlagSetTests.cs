using Berth.Cli.Flags;

namespace Berth.Tests.Cli.Flags;

public sealed class FlagSetTests
{
    private readonly FlagSet _flags = new();
    private readonly BoolFlag _all;
    private readonly BoolFlag _quiet;
    private readonly StringFlag _name;
    private readonly ListFlag _env;
    private readonly IntFlag _last;

    public FlagSetTests()
    {
        _all = _flags.Bool("all", 'a', "all");
        _quiet = _flags.Bool("quiet", 'q', "quiet");
        _name = _flags.String("name", null, "name");
        _env = _flags.List("env", 'e', "env");
        _last = _flags.Int("last", 'n', "last", -1);
    }

    [Fact]
    public void ParsesLongAndShortForms()
    {
        var rest = _flags.Parse(["--name", "web", "-e", "A=1", "-eB=2", "-e=C=3", "--env=D=4", "pos", "-n5"]);
        Assert.Equal("web", _name.Value);
        Assert.Equal(["A=1", "B=2", "C=3", "D=4"], _env.Values);
        Assert.Equal(5, _last.Value);
        Assert.Equal(["pos"], rest);
    }

    [Fact]
    public void BundlesBooleanShorthands()
    {
        _flags.Parse(["-aq"]);
        Assert.True(_all.Value);
        Assert.True(_quiet.Value);
    }

    [Fact]
    public void BooleanTakesExplicitValue()
    {
        _flags.Parse(["--all=false", "-q=true"]);
        Assert.False(_all.Value);
        Assert.True(_quiet.Value);
        Assert.True(_all.Changed);
    }

    [Fact]
    public void InterspersedArgumentsAreCollected()
    {
        var rest = _flags.Parse(["one", "-a", "two"]);
        Assert.Equal(["one", "two"], rest);
        Assert.True(_all.Value);
    }

    [Fact]
    public void NonInterspersedStopsAtFirstPositional()
    {
        _flags.Interspersed = false;
        var rest = _flags.Parse(["-a", "busybox", "ls", "-q"]);
        Assert.Equal(["busybox", "ls", "-q"], rest);
        Assert.False(_quiet.Value);
    }

    [Fact]
    public void DoubleDashEndsFlags() => Assert.Equal(["-a", "x"], _flags.Parse(["--", "-a", "x"]));

    [Fact]
    public void SingleDashIsAnArgument() => Assert.Equal(["-"], _flags.Parse(["-"]));

    [Theory]
    [InlineData("--foo", "unknown flag: --foo")]
    [InlineData("-x", "unknown shorthand flag: 'x' in -x")]
    [InlineData("-ax", "unknown shorthand flag: 'x' in -ax")]
    [InlineData("--name", "flag needs an argument: --name")]
    [InlineData("-e", "flag needs an argument: 'e' in -e")]
    [InlineData("-n=x", "invalid argument \"x\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"x\": invalid syntax")]
    public void ReportsErrorsLikePflag(string argument, string message)
        => Assert.Equal(message, Assert.Throws<FlagException>(() => _flags.Parse([argument])).Message);

    [Fact]
    public void DeprecatedFlagsWarn()
    {
        var flags = new FlagSet();
        flags.Add(new IntFlag("time", null, "t") { Deprecated = "use --timeout instead" });
        flags.Parse(["--time", "1"]);
        Assert.Equal(["Flag --time has been deprecated, use --timeout instead"], flags.Warnings);
    }
}
