namespace Berth.Daemon.Api;

/// <summary>The Engine API versions berthd speaks.</summary>
internal static class ApiVersion
{
    public const string Current = "1.47";
    public const string Minimum = "1.24";
    public const string EngineVersion = "0.1.0";
}
