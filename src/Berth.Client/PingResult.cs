namespace Berth.Client;

/// <summary>What <c>GET /_ping</c> reports in its headers.</summary>
public sealed record PingResult(string? ApiVersion, string? OsType, bool Experimental);
