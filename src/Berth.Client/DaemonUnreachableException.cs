namespace Berth.Client;

/// <summary>The daemon's socket could not be reached at all (not running, wrong path, no permission).</summary>
public sealed class DaemonUnreachableException : Exception
{
    public DaemonUnreachableException(DaemonEndpoint endpoint, Exception inner)
        : base($"Cannot connect to the Berth daemon at {endpoint}. Is the berth daemon running?", inner)
    {
        Endpoint = endpoint;
    }

    /// <summary>The connection was made but the TLS handshake failed (untrusted or refused certificate).</summary>
    public DaemonUnreachableException(DaemonEndpoint endpoint, string tlsFailure, Exception inner)
        : base($"error during connect: tls handshake with {endpoint} failed: {tlsFailure}", inner)
    {
        Endpoint = endpoint;
    }

    public DaemonEndpoint Endpoint { get; }
}
