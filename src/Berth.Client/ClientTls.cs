using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Client;

/// <summary>
/// TLS to a daemon on TCP, with the docker CLI's rules: <c>--tlsverify</c> (or
/// <c>DOCKER_TLS_VERIFY</c>) checks the daemon's certificate against <see cref="CaFile"/> and its
/// name; <c>--tls</c> alone encrypts without checking. The client certificate and key default to
/// <c>$DOCKER_CERT_PATH</c> (or <c>~/.docker</c>) <c>cert.pem</c>/<c>key.pem</c> and are sent when
/// they exist.
/// </summary>
public sealed record ClientTls(bool Verify, string? CaFile, string? CertFile, string? KeyFile)
{
    /// <summary>
    /// The settings from the flags (null when not given) and the environment, or null for plain
    /// HTTP: TLS is on with <c>--tls</c>, or <c>--tlsverify</c> given at all, or <c>DOCKER_TLS_VERIFY</c>.
    /// </summary>
    public static ClientTls? Resolve(bool? tls, bool? tlsVerify, string? caFile, string? certFile, string? keyFile, Func<string, string?> environment)
    {
        bool verify = tlsVerify ?? !string.IsNullOrEmpty(environment("DOCKER_TLS_VERIFY"));
        if (tls != true && tlsVerify is null && !verify)
            return null;
        string certPath = environment("DOCKER_CERT_PATH") is { Length: > 0 } p
            ? p : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        string? Default(string? given, string name) =>
            given ?? (File.Exists(Path.Combine(certPath, name)) ? Path.Combine(certPath, name) : null);
        return new ClientTls(verify, verify ? caFile ?? Path.Combine(certPath, "ca.pem") : null, Default(certFile, "cert.pem"), Default(keyFile, "key.pem"));
    }

    /// <summary>The handshake's options for <paramref name="host"/>; reads the PEM files each time, as they may change.</summary>
    public SslClientAuthenticationOptions ForHost(string host)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        };
        if (CertFile is not null && KeyFile is not null)
            options.ClientCertificates = [X509Certificate2.CreateFromPemFile(CertFile, KeyFile)];
        if (!Verify)
        {
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            return options;
        }
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(CaFile!);
        options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
                return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
        return options;
    }
}
