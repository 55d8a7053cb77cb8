namespace Berth.Core.Mounts;

/// <summary>
/// A mount to perform, as a snapshotter describes it: what, of which type, with which options.
/// The mounter (Berth.Linux's <c>Mounter</c>) is the one place that turns these into syscalls.
/// </summary>
public sealed record Mount(string Type, string Source, IReadOnlyList<string> Options);
