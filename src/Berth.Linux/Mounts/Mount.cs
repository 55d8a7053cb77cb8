namespace Berth.Linux.Mounts;

/// <summary>
/// A mount to perform, as a snapshotter describes it: what, of which type, with which options.
/// The <see cref="Mounter"/> is the one place that turns these into syscalls.
/// </summary>
public sealed record Mount(string Type, string Source, IReadOnlyList<string> Options);
