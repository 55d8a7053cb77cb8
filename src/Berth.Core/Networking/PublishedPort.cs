namespace Berth.Core.Networking;

/// <summary>One host port forwarded to a container port: <c>HostIp:HostPort -&gt; ContainerPort/Protocol</c>.</summary>
public sealed record PublishedPort(int ContainerPort, string Protocol, string HostIp, int HostPort);
