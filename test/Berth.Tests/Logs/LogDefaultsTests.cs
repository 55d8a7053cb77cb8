using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Daemon;
using Berth.Engine.Logs;

namespace Berth.Tests.Logs;

public sealed class LogDefaultsTests
{
    private static LogConfig Config(string type, params (string Key, string Value)[] opts) =>
        new() { Type = type, Config = opts.ToDictionary(o => o.Key, o => o.Value) };

    [Fact]
    public void The_daemons_driver_and_options_fill_what_the_container_left_unset_as_dockerd_merges()
    {
        var defaults = LogDefaults.Create("local", new Dictionary<string, string> { ["max-size"] = "1m", ["max-file"] = "3" }).Config;
        var none = LogOptions.WithDefaults(Config(""), defaults);
        Assert.Equal("local", none.Type);
        Assert.Equal("3", none.Config["max-file"]);
        var own = LogOptions.WithDefaults(Config("local", ("max-file", "9")), defaults);
        Assert.Equal(("9", "1m"), (own.Config["max-file"], own.Config["max-size"]));
        var other = LogOptions.WithDefaults(Config("json-file"), defaults);
        Assert.Empty(other.Config); // the daemon's options are for its driver only
        Assert.Equal("json-file", LogOptions.WithDefaults(Config(""), LogDefaults.Docker.Config).Type);
    }

    [Fact]
    public void Bad_daemon_log_settings_are_refused_at_startup()
    {
        Assert.Throws<BerthException>(() => LogDefaults.Create("journal", new Dictionary<string, string>()));
        Assert.Throws<BerthException>(() => LogDefaults.Create("none", new Dictionary<string, string> { ["max-size"] = "1m" }));
    }

    [Fact]
    public void Log_driver_and_opts_come_from_flags_and_daemon_json()
    {
        var flags = DaemonOptions.Parse(["--config-file", "/nonexistent.json", "--log-driver", "local", "--log-opt", "max-size=2m", "--log-opt=max-file=4"]);
        Assert.Equal("local", flags.LogDriver);
        Assert.Equal(("2m", "4"), (flags.LogOpts["max-size"], flags.LogOpts["max-file"]));
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"log-driver": "json-file", "log-opts": {"max-size": "10m", "labels": "app"}}""");
            var json = DaemonOptions.Parse(["--config-file", file]);
            Assert.Equal("json-file", json.LogDriver);
            Assert.Equal("app", json.LogOpts["labels"]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
