using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Engine.Distribution;

/// <summary>
/// Per-registry TLS material in dockerd's <c>certs.d</c> layout: <c>DIR/HOST:PORT/*.crt</c> are
/// CA certificates trusted for that registry (besides the system's), <c>*.cert</c> with the
/// <c>*.key</c> of the same name a client certificate to present.
/// </summary>
public sealed class RegistryCertificates(string directory)
{
    /// <summary>The folder for <paramref name="host"/>, if it has one.</summary>
    public string? DirectoryFor(string host)
    {
        string dir = Path.Combine(directory, host);
        return host.Contains("..", StringComparison.Ordinal) || host.Contains('/') || !Directory.Exists(dir) ? null : dir;
    }

    /// <summary>Sets up <paramref name="options"/> to trust the folder's CAs and present its client certificates.</summary>
    public static void Apply(string dir, SslClientAuthenticationOptions options)
    {
        var authorities = new X509Certificate2Collection();
        foreach (string file in Directory.GetFiles(dir, "*.crt").Order(StringComparer.Ordinal))
            authorities.ImportFromPemFile(file);
        var clients = new X509CertificateCollection();
        foreach (string cert in Directory.GetFiles(dir, "*.cert").Order(StringComparer.Ordinal))
        {
            string key = Path.ChangeExtension(cert, ".key");
            if (File.Exists(key))
                clients.Add(X509Certificate2.CreateFromPemFile(cert, key));
        }
        if (clients.Count > 0)
            options.ClientCertificates = clients;
        if (authorities.Count == 0)
            return;
        options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            if (errors == SslPolicyErrors.None)
                return true;
            if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
                return false; // a name mismatch is not cured by a CA
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
                foreach (var element in chain.ChainElements)
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            return custom.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
        };
    }
}
