namespace Berth.Daemon;

/// <summary>
/// TLS of the API's TCP (and socket-activated) listeners, with dockerd's rules: <c>--tlsverify</c>
/// given at all (even <c>=false</c>) turns TLS on; <c>--tlsverify</c> (or <c>DOCKER_TLS_VERIFY</c>)
/// makes clients present a certificate signed by <see cref="CaCert"/>. Certificates default to
/// <c>$DOCKER_CERT_PATH</c> or <c>~/.docker</c>, as dockerd's.
/// </summary>
internal sealed class ApiTlsOptions
{
    private static readonly string s_certPath = Environment.GetEnvironmentVariable("DOCKER_CERT_PATH") is { Length: > 0 } p
        ? p : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");

    /// <summary><c>--tls</c>; null when neither flag nor file said.</summary>
    public bool? Enabled { get; set; }

    /// <summary><c>--tlsverify</c>; null when neither flag nor file said.</summary>
    public bool? Verify { get; set; } = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY")) ? null : true;

    public string CaCert { get; set; } = Path.Combine(s_certPath, "ca.pem");
    public string Cert { get; set; } = Path.Combine(s_certPath, "cert.pem");
    public string Key { get; set; } = Path.Combine(s_certPath, "key.pem");

    /// <summary>Serve TLS: <c>--tls</c>, or <c>--tlsverify</c> with any value.</summary>
    public bool Serve => Enabled == true || Verify is not null;

    /// <summary>Require and verify client certificates (mutual TLS).</summary>
    public bool VerifyClients => Verify == true;

    /// <summary>
    /// The operator said plainly that the API may go unauthenticated (<c>--tls=false</c> or
    /// <c>--tlsverify=false</c>): a TCP listener without client verification is allowed, with a warning.
    /// </summary>
    public bool UnauthenticatedAllowed => Enabled == false || Verify == false;
}
