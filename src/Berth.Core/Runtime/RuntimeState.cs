namespace Berth.Core.Runtime;

/// <summary>What the runtime says of a container: its status word (<c>created</c>, <c>running</c>, <c>paused</c>, <c>stopped</c>) and init pid.</summary>
public sealed record RuntimeState(string Status, int Pid);
