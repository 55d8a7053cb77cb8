using System.Text.Json;
using Berth.Cli.Containers;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth update</c>: sends only the resources that were given; the daemon keeps the rest.</summary>
internal sealed class UpdateCommand : Command
{
    private Uint16Flag _blkioWeight = null!;
    private IntFlag _cpuPeriod = null!;
    private IntFlag _cpuQuota = null!;
    private IntFlag _cpuRtPeriod = null!;
    private IntFlag _cpuRtRuntime = null!;
    private IntFlag _cpuShares = null!;
    private StringFlag _cpus = null!;
    private StringFlag _cpusetCpus = null!;
    private StringFlag _cpusetMems = null!;
    private BytesFlag _memory = null!;
    private BytesFlag _memoryReservation = null!;
    private BytesFlag _memorySwap = null!;
    private IntFlag _pidsLimit = null!;
    private StringFlag _restart = null!;
    private FlagSet _flags = null!;

    public override string Name => "update";

    public override string Usage => "[OPTIONS] CONTAINER [CONTAINER...]";

    public override string Description => "Update configuration of one or more containers";

    public override IReadOnlyList<string> Aliases => ["container update", "update"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
        _flags = flags;
        _blkioWeight = flags.Add(new Uint16Flag("blkio-weight", null, "Block IO (relative weight), between 10 and 1000, or 0 to disable"));
        _cpuPeriod = flags.Int("cpu-period", null, "Limit CPU CFS (Completely Fair Scheduler) period");
        _cpuQuota = flags.Int("cpu-quota", null, "Limit CPU CFS (Completely Fair Scheduler) quota");
        _cpuRtPeriod = flags.Int("cpu-rt-period", null, "Limit the CPU real-time period in microseconds");
        _cpuRtRuntime = flags.Int("cpu-rt-runtime", null, "Limit the CPU real-time runtime in microseconds");
        _cpuShares = flags.Int("cpu-shares", 'c', "CPU shares (relative weight)");
        _cpus = flags.String("cpus", null, "Number of CPUs", typeName: "decimal");
        _cpusetCpus = flags.String("cpuset-cpus", null, "CPUs in which to allow execution (0-3, 0,1)");
        _cpusetMems = flags.String("cpuset-mems", null, "MEMs in which to allow execution (0-3, 0,1)");
        _memory = flags.Add(new BytesFlag("memory", 'm', "Memory limit"));
        _memoryReservation = flags.Add(new BytesFlag("memory-reservation", null, "Memory soft limit"));
        _memorySwap = flags.Add(new BytesFlag("memory-swap", null, "Swap limit equal to memory plus swap: -1 to enable unlimited swap", allowUnlimited: true));
        _pidsLimit = flags.Int("pids-limit", null, "Tune container pids limit (set -1 for unlimited)");
        _restart = flags.String("restart", null, "Restart policy to apply when a container exits");
    }

    /// <summary>The UpdateConfig body: the changed resources, and the restart policy when given.</summary>
    internal byte[] BuildRequest()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Number(w, "BlkioWeight", _blkioWeight.Changed, _blkioWeight.Value);
            Number(w, "CpuPeriod", _cpuPeriod.Changed, _cpuPeriod.Value);
            Number(w, "CpuQuota", _cpuQuota.Changed, _cpuQuota.Value);
            Number(w, "CpuRealtimePeriod", _cpuRtPeriod.Changed, _cpuRtPeriod.Value);
            Number(w, "CpuRealtimeRuntime", _cpuRtRuntime.Changed, _cpuRtRuntime.Value);
            Number(w, "CpuShares", _cpuShares.Changed, _cpuShares.Value);
            if (_cpus.Changed)
            {
                w.WriteNumber("NanoCpus", ParseCpus(_cpus.Value));
            }

            if (_cpusetCpus.Changed)
            {
                w.WriteString("CpusetCpus", _cpusetCpus.Value);
            }

            if (_cpusetMems.Changed)
            {
                w.WriteString("CpusetMems", _cpusetMems.Value);
            }

            Number(w, "Memory", _memory.Changed, _memory.Value);
            Number(w, "MemoryReservation", _memoryReservation.Changed, _memoryReservation.Value);
            Number(w, "MemorySwap", _memorySwap.Changed, _memorySwap.Value);
            Number(w, "PidsLimit", _pidsLimit.Changed, _pidsLimit.Value);
            if (_restart.Changed)
            {
                // docker 28's ParseRestartPolicy splits NAME[:COUNT] and leaves the name to the daemon.
                var parts = _restart.Value.Split(':', 2);
                var retries = 0;
                if (parts.Length > 1 && !int.TryParse(parts[1], out retries))
                {
                    throw new FormatException($"invalid restart policy format: maximum retry count must be an integer");
                }

                w.WriteStartObject("RestartPolicy");
                w.WriteString("Name", parts[0]);
                w.WriteNumber("MaximumRetryCount", retries);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (!_flags.Flags.Any(f => f.Changed && f.Name != "help"))
        {
            throw new CliFailure("you must provide one or more flags when using this command");
        }

        byte[] body;
        try
        {
            body = BuildRequest();
        }
        catch (FormatException ex)
        {
            throw new CliFailure(ex.Message);
        }

        return ContainerBatch.RunAsync(context, args, async name =>
        {
            foreach (var warning in await context.Client.UpdateContainerAsync(name, body, context.Cancellation))
            {
                context.Console.Error.Write(warning + "\n");
            }

            return name;
        });
    }

    private static long ParseCpus(string cpus)
    {
        try
        {
            return ContainerSpecBuilder.NanoCpus(cpus);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new FormatException($"invalid argument \"{cpus}\" for \"--cpus\" flag: failed to parse {cpus} as a rational number");
        }
    }

    private static void Number(Utf8JsonWriter w, string name, bool changed, long value)
    {
        if (changed)
        {
            w.WriteNumber(name, value);
        }
    }
}
