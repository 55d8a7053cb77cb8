using System.Runtime.InteropServices;
using Berth.Client;

namespace Berth.Cli.Containers;

/// <summary>docker's <c>--sig-proxy</c>: Ctrl-C and termination go to the container instead of ending the CLI.</summary>
internal sealed class SignalForwarder : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    public SignalForwarder(EngineClient client, string id)
    {
        void Forward(PosixSignalContext signal, string name)
        {
            signal.Cancel = true;
            _ = client.KillContainerAsync(id, name, CancellationToken.None);
        }

        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, s => Forward(s, "SIGINT")),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, s => Forward(s, "SIGTERM")),
        ];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
