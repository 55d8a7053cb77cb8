namespace Berth.Cli.Containers;

/// <summary>One <c>--mount</c> as <see cref="MountFlag"/> reads it, before it is written as JSON.</summary>
internal sealed class MountFlagValues
{
    public string Type = "volume";
    public string Source = string.Empty;
    public string Target = string.Empty;
    public bool ReadOnly;
    public string Consistency = string.Empty;
    public string? Propagation;
    public bool NonRecursive;
    public bool NoCopy;
    public string? Driver;
    public readonly Dictionary<string, string> Labels = [];
    public readonly Dictionary<string, string> DriverOptions = [];
    public long? TmpfsSize;
    public uint? TmpfsMode;
    public bool HasVolumeOptions;
    public bool HasBindOptions;
}
