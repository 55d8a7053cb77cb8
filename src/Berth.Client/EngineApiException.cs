using System.Net;

namespace Berth.Client;

/// <summary>
/// The daemon answered with an error status. <see cref="Exception.Message"/> is the
/// daemon's own <c>message</c> field, so callers can print it exactly as docker does
/// ("Error response from daemon: ...").
/// </summary>
public sealed class EngineApiException : Exception
{
    public EngineApiException(HttpStatusCode statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode StatusCode { get; }

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;
}
