using Microsoft.Extensions.Logging;

namespace Berth.Engine;

/// <summary>Every log line the engine writes, in one place.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(Level = LogLevel.Error, Message = "handling the exit of container {Id} failed")]
    public static partial void ExitHandlingFailed(ILogger logger, string id, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "restarting container {Id} failed")]
    public static partial void RestartFailed(ILogger logger, string id, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not clean up {What} of container {Id}")]
    public static partial void CleanupFailed(ILogger logger, string what, string id, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "released {Count} addresses of network {Network} held for containers that are gone")]
    public static partial void AddressesReleased(ILogger logger, int count, string network);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not make the port forwarding chains for {Tool}; published ports of that family fail until they can be made")]
    public static partial void PortChainsFailed(ILogger logger, string tool, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "registry: manifest {Digest} pushed to {Repository} is kept but is no local image: {Reason}")]
    public static partial void PushedManifestNotAnImage(ILogger logger, string repository, string digest, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Subject} {Id} {Operation}: {Phases}")]
    public static partial void Phases(ILogger logger, string subject, string id, string operation, string phases);

    [LoggerMessage(Level = LogLevel.Information, Message = "garbage collected {Blobs} blobs, {Layers} layers, {ContainerLayers} container layers nothing referenced")]
    public static partial void GarbageCollected(ILogger logger, int blobs, int layers, int containerLayers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "garbage collection failed")]
    public static partial void GarbageCollectionFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cleaning up the runtime state of {Id} failed; retried at the next daemon start")]
    public static partial void RuntimeCleanupFailed(ILogger logger, string id, Exception error);
}
