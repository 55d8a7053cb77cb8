namespace Berth.Core.Runtime;

/// <summary>
/// A process the runtime started in a running container (an exec), with piped stdio. Its
/// output pipes reach their end when every process holding them has gone: a child the
/// process left in the background may keep them open past <see cref="Exited"/>.
/// </summary>
public interface IExecProcess : IDisposable
{
    Stream Stdin { get; }

    Stream Stdout { get; }

    Stream Stderr { get; }

    /// <summary>The process's exit code (128 + signal when killed); 255 when the runtime could not start it.</summary>
    Task<int> Exited { get; }

    /// <summary>Kills the process (the client went away).</summary>
    void Kill();
}
