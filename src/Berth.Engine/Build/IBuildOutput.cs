namespace Berth.Engine.Build;

/// <summary>
/// Where a build reports: text for the user (<c>{"stream":...}</c> messages, RUN output as it
/// comes) and the built image's ID for SDKs (<c>{"aux":{"ID":...}}</c>).
/// </summary>
public interface IBuildOutput
{
    Task StreamAsync(string text, CancellationToken ct);

    Task AuxAsync(string imageId, CancellationToken ct);
}
