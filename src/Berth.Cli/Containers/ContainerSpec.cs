namespace Berth.Cli.Containers;

/// <summary>A container ready to create: the API body plus what the CLI itself needs to run it.</summary>
internal sealed record ContainerSpec(
    byte[] Body,
    string Image,
    string? Name,
    string? Platform,
    bool Tty,
    bool AttachStdin,
    bool AttachStdout,
    bool AttachStderr,
    bool AutoRemove,
    string PullPolicy);
