using Berth.Core.Containers;

namespace Berth.Engine.Logs;

/// <summary>
/// The daemon-wide <c>log-driver</c> and <c>log-opts</c> (daemon.json, <c>--log-driver</c>,
/// <c>--log-opt</c>) that containers created without their own get; checked once at startup
/// with the rules a container's are checked with.
/// </summary>
public sealed record LogDefaults(LogConfig Config)
{
    public static readonly LogDefaults Docker = new(new LogConfig { Type = LogOptions.DefaultDriver, Config = new Dictionary<string, string>() });

    public static LogDefaults Create(string? driver, IReadOnlyDictionary<string, string> options)
    {
        var config = new LogConfig { Type = string.IsNullOrEmpty(driver) ? LogOptions.DefaultDriver : driver, Config = new Dictionary<string, string>(options) };
        LogOptions.Validate(config);
        return new LogDefaults(config);
    }
}
