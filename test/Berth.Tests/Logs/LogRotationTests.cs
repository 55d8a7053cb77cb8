using System.Text;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Logs;

namespace Berth.Tests.Logs;

public sealed class LogRotationTests : IDisposable
{
    private readonly TempDir _dir = new();

    private static string Records(int from, int count) =>
        string.Concat(Enumerable.Range(from, count).Select(i => $"2026-01-01T00:00:01+00:00 stdout F line-{i}\n"));

    [Fact]
    public void A_full_log_becomes_dot_one_and_max_file_counts_the_live_one()
    {
        string log = _dir["c.log"];
        var options = new LogOptions("json-file", 100, 3);
        for (int round = 0; round < 4; round++)
        {
            File.WriteAllText(log, Records(round * 10, 10));
            Assert.True(LogRotation.RotateIfFull(log, options));
        }
        File.WriteAllText(log, Records(40, 1));
        Assert.False(LogRotation.RotateIfFull(log, options));
        Assert.Equal([log + ".2", log + ".1", log], LogRotation.Files(log));
        Assert.Contains("line-20", File.ReadAllText(log + ".2"));
        Assert.Contains("line-30", File.ReadAllText(log + ".1"));
    }

    [Fact]
    public async Task Compress_gzips_rotated_files_and_logs_read_them_back_in_order()
    {
        string log = _dir["c.log"];
        var options = LogOptions.Validate(new LogConfig { Type = "json-file", Config = new Dictionary<string, string> { ["max-size"] = "100", ["max-file"] = "3", ["compress"] = "true" } });
        Assert.True(options.Compress);
        for (int round = 0; round < 3; round++)
        {
            File.WriteAllText(log, Records(round * 10, 9));
            Assert.True(LogRotation.RotateIfFull(log, options));
            // conmon's write between the rename and its reopen lands in .1, and must be kept
            File.AppendAllText(log + ".1", Records(round * 10 + 9, 1));
            LogRotation.CompressNewest(log);
        }
        File.WriteAllText(log, Records(30, 1));
        Assert.Equal([log + ".2.gz", log + ".1.gz", log], LogRotation.Files(log));
        using (var gz = new System.IO.Compression.GZipStream(File.OpenRead(log + ".1.gz"), System.IO.Compression.CompressionMode.Decompress))
            Assert.EndsWith("line-29\n", new StreamReader(gz).ReadToEnd());
        using (var gz = new System.IO.Compression.GZipStream(File.OpenRead(log + ".2.gz"), System.IO.Compression.CompressionMode.Decompress))
            Assert.Contains("line-10", new StreamReader(gz).ReadToEnd());
        var lines = new List<string>();
        await LogReader.ReadRotatedAsync(LogRotation.Files(log), new LogQuery { Tail = 12 }, e =>
        {
            lines.Add(Encoding.UTF8.GetString(e.Content.Span));
            return ValueTask.CompletedTask;
        }, () => true, () => Task.Delay(Timeout.Infinite), CancellationToken.None);
        Assert.Equal(Enumerable.Range(19, 12).Select(i => $"line-{i}"), lines);
        Assert.True(LogOptions.Validate(new LogConfig { Type = "local" }).Compress); // Docker's local driver compresses by default
    }

    [Fact]
    public void With_one_file_a_full_log_is_dropped()
    {
        string log = _dir["c.log"];
        File.WriteAllText(log, Records(0, 10));
        Assert.True(LogRotation.RotateIfFull(log, new LogOptions("json-file", 100, 1)));
        Assert.Equal([log], LogRotation.Files(log));
        Assert.False(File.Exists(log));
    }

    [Fact]
    public async Task Tail_counts_across_rotated_files_in_order()
    {
        string log = _dir["c.log"];
        File.WriteAllText(log + ".2", Records(0, 3));
        File.WriteAllText(log + ".1", Records(3, 3));
        File.WriteAllText(log, Records(6, 1));
        var lines = new List<string>();
        await LogReader.ReadRotatedAsync(LogRotation.Files(log), new LogQuery { Tail = 5 }, e =>
        {
            lines.Add(Encoding.UTF8.GetString(e.Content.Span));
            return ValueTask.CompletedTask;
        }, () => true, () => Task.Delay(Timeout.Infinite), CancellationToken.None);
        Assert.Equal(["line-2", "line-3", "line-4", "line-5", "line-6"], lines);
    }

    [Theory]
    [InlineData("syslog", "", "logger: no log driver named 'syslog' is registered")]
    [InlineData("json-file", "bogus=1", "unknown log opt 'bogus' for json-file log driver")]
    [InlineData("none", "max-size=1m", "unknown log opt 'max-size' for none log driver")]
    [InlineData("json-file", "max-file=2,compress=true", "compress cannot be true when max-file is less than 2 or max-size is not set")]
    [InlineData("json-file", "max-size=1m,compress=yes", "strconv.ParseBool: parsing \"yes\": invalid syntax")]
    [InlineData("json-file", "max-size=1m,max-file=-1", "max-file cannot be less than 1")]
    [InlineData("json-file", "max-size=1m,max-file=0", "max-file cannot be less than 1")]
    public void Bad_drivers_and_options_are_refused_with_dockers_messages(string driver, string options, string message)
    {
        var config = new LogConfig { Type = driver, Config = options.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(o => o.Split('=')).ToDictionary(o => o[0], o => o[1]) };
        Assert.Equal(message, Assert.Throws<BerthException>(() => LogOptions.Validate(config)).Message);
    }

    [Fact]
    public void Defaults_are_json_file_without_rotation_and_local_rotates()
    {
        var config = new LogConfig();
        Assert.Equal(new LogOptions("json-file", -1, 1), LogOptions.Validate(config));
        Assert.Equal("", config.Type); // the record is left as it was; create stores the result's driver
        Assert.Equal(new LogOptions("local", 20L << 20, 5, Compress: true), LogOptions.Validate(new LogConfig { Type = "local" }));
        Assert.Equal(new LogOptions("json-file", 10L << 20, 3),
            LogOptions.Validate(new LogConfig { Type = "json-file", Config = new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "3" } }));
        // Docker's json-file takes max-file alone (nothing rotates without max-size).
        Assert.Equal(new LogOptions("json-file", -1, 3),
            LogOptions.Validate(new LogConfig { Type = "json-file", Config = new Dictionary<string, string> { ["max-file"] = "3", ["compress"] = "false" } }));
    }

    [Fact]
    public void Details_name_the_chosen_labels_and_env_sorted()
    {
        var config = new LogConfig { Type = "json-file", Config = new Dictionary<string, string> { ["labels"] = "team", ["env"] = "STAGE", ["env-regex"] = "^X" } };
        var container = new ContainerConfig { Labels = new Dictionary<string, string> { ["team"] = "core", ["other"] = "no" }, Env = ["STAGE=dev", "XA=1 2", "PATH=/bin"] };
        Assert.Equal("STAGE=dev,XA=1+2,team=core", LogOptions.Details(config, container));
    }

    public void Dispose() => _dir.Dispose();
}
