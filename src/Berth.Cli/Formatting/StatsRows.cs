using System.Globalization;
using Berth.Cli.Templates;

namespace Berth.Cli.Formatting;

/// <summary>
/// A container's stats as docker's statsContext offers them to <c>stats --format</c>
/// (Container, Name, ID, CPUPerc, MemUsage, MemPerc, NetIO, BlockIO, PIDs): memory in binary
/// units (<c>BytesSize</c>), I/O in decimal ones with 3 digits, "--" for a row without valid figures.
/// </summary>
internal static class StatsRows
{
    public const string DefaultTable = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

    private const string NoValue = "--";

    public static TemplateObject Header() => new("header")
    {
        ["Container"] = "CONTAINER",
        ["Name"] = "NAME",
        ["ID"] = "CONTAINER ID",
        ["CPUPerc"] = "CPU %",
        ["MemUsage"] = "MEM USAGE / LIMIT",
        ["MemPerc"] = "MEM %",
        ["NetIO"] = "NET I/O",
        ["BlockIO"] = "BLOCK I/O",
        ["PIDs"] = "PIDS",
    };

    /// <param name="container">The container as docker tracks it: the argument given, or the short ID.</param>
    /// <param name="invalid">No current figures (an error, a timeout, the stream ended): docker shows "--".</param>
    public static TemplateObject Create(string container, StatsSample s, bool invalid, bool truncate) => new("*container.statsContext")
    {
        ["Container"] = container,
        ["Name"] = s.Name.Length > 1 ? s.Name[1..] : NoValue,
        ["ID"] = truncate ? TextUtil.TruncateId(s.Id) : s.Id,
        ["CPUPerc"] = invalid ? NoValue : Percent(s.CpuPercent),
        ["MemUsage"] = invalid ? "-- / --" : Units.BytesSize(s.Memory) + " / " + Units.BytesSize(s.MemoryLimit),
        ["MemPerc"] = invalid ? NoValue : Percent(s.MemoryPercent),
        ["NetIO"] = invalid ? NoValue : Units.HumanSize(s.NetworkRx) + " / " + Units.HumanSize(s.NetworkTx),
        ["BlockIO"] = invalid ? NoValue : Units.HumanSize(s.BlockRead) + " / " + Units.HumanSize(s.BlockWrite),
        ["PIDs"] = invalid ? NoValue : s.Pids.ToString(CultureInfo.InvariantCulture),
    };

    private static string Percent(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "%";
}
