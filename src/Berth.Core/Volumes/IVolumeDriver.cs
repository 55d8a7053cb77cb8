namespace Berth.Core.Volumes;

/// <summary>
/// Owns the data of volumes: where it lives and how it is made ready for a container.
/// Lifecycle: <see cref="Create"/> once → (<see cref="Mount"/> … <see cref="Unmount"/>)
/// per container start and stop → <see cref="Remove"/> once, when no container uses it.
/// </summary>
public interface IVolumeDriver
{
    /// <summary>The name clients give with <c>-d</c>.</summary>
    string Name { get; }

    /// <summary>Checks the options and makes room for the data; returns the mountpoint. InvalidArgument for an unknown option.</summary>
    string Create(string name, IReadOnlyDictionary<string, string> options);

    /// <summary>Deletes the data; the volume must not be mounted.</summary>
    void Remove(Volume volume);

    /// <summary>Makes the data available at the mountpoint for <paramref name="containerId"/>; returns the path to bind into the container.</summary>
    string Mount(Volume volume, string containerId);

    /// <summary>The container no longer uses the data; the last one out may unmount it.</summary>
    void Unmount(Volume volume, string containerId);
}
