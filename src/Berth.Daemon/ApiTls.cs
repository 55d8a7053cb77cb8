using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Berth.Core.Errors;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Berth.Daemon;

/// <summary>
/// Kestrel's TLS for the API, as dockerd's: TLS 1.2 or newer, the server's certificate and key
/// from PEM files, and with <c>--tlsverify</c> a client certificate required and checked against
/// <c>--tlscacert</c> alone (not the system's roots) for client authentication.
/// </summary>
internal static class ApiTls
{
    private static readonly Oid s_clientAuth = new("1.3.6.1.5.5.7.3.2");

    public static HttpsConnectionAdapterOptions ServerOptions(ApiTlsOptions tls)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(tls.Cert, tls.Key);
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw BerthException.Invalid($"could not load X509 key pair (cert: \"{tls.Cert}\", key: \"{tls.Key}\"): {e.Message}");
        }
        var options = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateMode = ClientCertificateMode.NoCertificate,
        };
        if (!tls.VerifyClients)
            return options;
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(tls.CaCert);
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw BerthException.Invalid($"could not read CA certificate \"{tls.CaCert}\": {e.Message}");
        }
        if (roots.Count == 0)
            throw BerthException.Invalid($"failed to append certificates from PEM file: \"{tls.CaCert}\"");
        options.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        options.ClientCertificateValidation = (client, _, _) => Trusted(client, roots);
        return options;
    }

    private static bool Trusted(X509Certificate2 client, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(s_clientAuth);
        return chain.Build(client);
    }
}
