using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Berth.Core.Errors;
using Berth.Daemon.Api;
using Berth.Engine.Registry;

namespace Berth.Daemon;

/// <summary>
/// The built-in registry's listener (<c>--registry-addr</c>), a second Kestrel endpoint beside
/// the Engine API's sockets. Requests on its port go to <see cref="RegistryRoutes"/> and never
/// reach the Engine API, nor the reverse. On loopback it may serve plain HTTP without users;
/// any other address needs TLS and an htpasswd file, or berthd refuses to start.
/// </summary>
internal sealed class RegistryListener
{
    private readonly IPEndPoint _endpoint;
    private readonly Htpasswd? _users;

    private RegistryListener(IPEndPoint endpoint, Htpasswd? users) => (_endpoint, _users) = (endpoint, users);

    /// <summary>The listener the options ask for, or null when the registry is off.</summary>
    public static RegistryListener? Configure(IWebHostBuilder host, DaemonOptions options)
    {
        if (string.IsNullOrEmpty(options.RegistryAddr))
            return null;
        IPEndPoint endpoint = ParseAddress(options.RegistryAddr);
        bool tls = options.RegistryTlsCert is not null || options.RegistryTlsKey is not null;
        if (tls && (options.RegistryTlsCert is null || options.RegistryTlsKey is null))
            throw BerthException.Invalid("--registry-tlscert and --registry-tlskey go together");
        if (!IPAddress.IsLoopback(endpoint.Address) && (!tls || options.RegistryHtpasswd is null))
            throw BerthException.Invalid($"--registry-addr {options.RegistryAddr} is not a loopback address: the registry is served there only "
                + "with TLS (--registry-tlscert, --registry-tlskey) and users (--registry-htpasswd)");
        Htpasswd? users;
        X509Certificate2? certificate;
        try
        {
            users = options.RegistryHtpasswd is null ? null : Htpasswd.Load(options.RegistryHtpasswd);
            certificate = tls ? X509Certificate2.CreateFromPemFile(options.RegistryTlsCert!, options.RegistryTlsKey) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw BerthException.Invalid("registry: " + e.Message);
        }
        host.ConfigureKestrel(k => k.Listen(endpoint, listen =>
        {
            if (certificate is not null)
                listen.UseHttps(certificate);
        }));
        return new RegistryListener(endpoint, users);
    }

    /// <summary>Branches the registry's requests off before the Engine API's middlewares.</summary>
    public void Map(WebApplication app) =>
        app.MapWhen(c => c.Connection.LocalIpAddress is not null && c.Connection.LocalPort == _endpoint.Port, branch =>
        {
            branch.Use(RegistryErrorMiddleware.InvokeAsync);
            branch.Use(AuthenticateAsync);
            branch.Run(c => RegistryRoutes.HandleAsync(c, c.RequestServices.GetRequiredService<RegistryService>()));
        });

    private Task AuthenticateAsync(HttpContext context, RequestDelegate next)
    {
        if (_users is null || IsAuthorized(context.Request.Headers.Authorization.ToString()))
            return next(context);
        throw OciErrors.Unauthorized();
    }

    private bool IsAuthorized(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        try
        {
            string pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            int colon = pair.IndexOf(':');
            return colon > 0 && _users!.Verify(pair[..colon], pair[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IPEndPoint ParseAddress(string address)
    {
        string text = address.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + address[9..] : address;
        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0)
            return endpoint;
        throw BerthException.Invalid($"invalid --registry-addr {address}: want IP:PORT, as 127.0.0.1:5000");
    }
}
