using Berth.Core.Errors;
using Berth.Core.Networking;

namespace Berth.Engine.Networking;

/// <summary>
/// The bridge driver's <c>network create -o</c> options Berth acts on, with Docker's names:
/// the interface MTU, masquerade of outbound traffic, and traffic between the network's
/// containers (<c>enable_icc</c>). Others are kept and shown, as Docker keeps them.
/// </summary>
public sealed record BridgeOptions(int Mtu, bool Masquerade, bool InterContainer)
{
    public const string MtuKey = "com.docker.network.driver.mtu";
    public const string MasqueradeKey = "com.docker.network.bridge.enable_ip_masquerade";
    public const string IccKey = "com.docker.network.bridge.enable_icc";

    public static BridgeOptions Default { get; } = new(0, true, true);

    /// <summary>Reads and checks the options; a bad value is refused with Docker's words.</summary>
    public static BridgeOptions From(IReadOnlyDictionary<string, string> options)
    {
        int mtu = 0;
        if (options.TryGetValue(MtuKey, out var m) && !int.TryParse(m, out mtu))
            throw BerthException.Invalid($"failed to parse {MtuKey} value: {m} (strconv.Atoi: parsing \"{m}\": invalid syntax)");
        if (mtu is < 0 or (> 0 and < 68) or > 65535)
            throw BerthException.Invalid($"invalid MTU number: {mtu}");
        return new BridgeOptions(mtu, Flag(options, MasqueradeKey), Flag(options, IccKey));
    }

    public static BridgeOptions Of(NetworkDefinition n) => From(n.Options);

    /// <summary>A flag as Go's strconv.ParseBool reads it (Docker's parser); absent is true.</summary>
    private static bool Flag(IReadOnlyDictionary<string, string> options, string key) =>
        !options.TryGetValue(key, out var v) || v switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
            _ => throw BerthException.Invalid($"failed to parse {key} value: {v} (strconv.ParseBool: parsing \"{v}\": invalid syntax)"),
        };
}
