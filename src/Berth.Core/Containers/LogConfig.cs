namespace Berth.Core.Containers;

/// <summary><c>--log-driver</c> and <c>--log-opt</c>: the driver's name ("" for the daemon's default) and its options.</summary>
public sealed record LogConfig
{
    public string Type { get; set; } = "";
    public IReadOnlyDictionary<string, string> Config { get; set; } = new Dictionary<string, string>();
}
