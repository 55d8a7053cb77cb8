using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Engine.Runtime;

/// <summary>
/// HostConfig's resource settings as the OCI spec's <c>linux.resources</c> (cgroup v1 and
/// v2 alike: runc translates), checked as Docker checks them.
/// </summary>
public static class ResourceLimits
{
    private const long MinimumMemory = 6 * 1024 * 1024;
    private const long DefaultCpuPeriod = 100_000;
    /// <summary>The kernel's bounds for CFS bandwidth: period 1 ms to 1 s, quota from 1 ms to 2^44-1 µs.</summary>
    private const long MinCfs = 1_000, MaxCfsPeriod = 1_000_000, MaxCfsQuota = (1L << 44) - 1;
    /// <summary>The kernel's largest cpu.shares (runc refuses more).</summary>
    private const long MaxCpuShares = 262_144;
    /// <summary>PID_MAX_LIMIT on 64-bit Linux: pids.max takes nothing larger.</summary>
    private const long MaxPids = 4_194_304;

    /// <summary>Whether this host's cgroups can weigh block I/O (no BFQ, no CFQ: they cannot, and Docker discards the weight).</summary>
    private static readonly bool s_blkioWeight =
        File.Exists("/sys/fs/cgroup/cgroup.controllers")
        || File.Exists("/sys/fs/cgroup/blkio/blkio.weight") || File.Exists("/sys/fs/cgroup/blkio/blkio.bfq.weight");

    public static void Validate(HostConfig h, int hostCpus)
    {
        if (h.Memory is not 0 and < MinimumMemory)
            throw BerthException.Invalid("Minimum memory limit allowed is 6MB");
        if (h.MemorySwap < -1 || (h.MemorySwap > 0 && h.Memory > 0 && h.MemorySwap < h.Memory))
            throw BerthException.Invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        if (h.MemorySwap > 0 && h.Memory == 0)
            throw BerthException.Invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
        if (h.MemoryReservation > 0 && h.Memory > 0 && h.Memory < h.MemoryReservation)
            throw BerthException.Invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
        if (h.NanoCpus > 0 && (h.CpuPeriod > 0 || h.CpuQuota > 0))
            throw BerthException.Invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        // Under 0.01 CPU the quota would be under the kernel's 1 ms.
        if (h.NanoCpus is < 0 or (> 0 and < 10_000_000) || h.NanoCpus > (long)hostCpus * 1_000_000_000)
            throw BerthException.Invalid($"Range of CPUs is from 0.01 to {hostCpus}.00, as there are only {hostCpus} CPUs available");
        if (h.BlkioWeight != 0 && h.BlkioWeight is < 10 or > 1000)
            throw BerthException.Invalid("Range of blkio weight is from 10 to 1000");
        if (h.CpuShares is < 0 or > MaxCpuShares)
            throw BerthException.Invalid($"invalid CPU shares ({h.CpuShares}): value must be between 0 and {MaxCpuShares}");
        if (h.CpuPeriod != 0 && h.CpuPeriod is < MinCfs or > MaxCfsPeriod)
            throw BerthException.Invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        if (h.CpuQuota is < -1 or (> 0 and < MinCfs))
            throw BerthException.Invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        if (h.CpuQuota > MaxCfsQuota)
            throw BerthException.Invalid($"CPU cfs quota can not be larger than {MaxCfsQuota}");
        if (h.PidsLimit > MaxPids)
            throw BerthException.Invalid($"PIDs limit can not be larger than {MaxPids}");
        if (h.CpusetCpus.Length > 0 && !IsCpuList(h.CpusetCpus))
            throw BerthException.Invalid($"Invalid value {h.CpusetCpus} for cpuset cpus");
        if (h.CpusetCpus.Length > 0 && h.CpusetCpus.Split(',', '-').Any(n => int.Parse(n) >= hostCpus))
            throw BerthException.Invalid($"Requested CPUs are not available - requested {h.CpusetCpus}, available: {(hostCpus == 1 ? "0" : $"0-{hostCpus - 1}")}");
        if (h.CpusetMems.Length > 0 && !IsCpuList(h.CpusetMems))
            throw BerthException.Invalid($"Invalid value {h.CpusetMems} for cpuset mems");
    }

    /// <summary>
    /// The kernel's list format for cpuset.cpus and cpuset.mems: <c>0-2,4</c>, ranges
    /// ascending (Docker's <c>parsers.ParseUintList</c>); anything else the cgroup write refuses.
    /// </summary>
    private static bool IsCpuList(string list)
    {
        foreach (string part in list.Split(','))
        {
            string[] range = part.Split('-');
            if (range.Length > 2 || !range.All(n => n.Length > 0 && n.All(char.IsAsciiDigit) && n.Length <= 6))
                return false;
            if (range.Length == 2 && int.Parse(range[0]) > int.Parse(range[1]))
                return false;
        }
        return true;
    }

    /// <summary>Adds memory, cpu, pids and blockIO sections to a <c>resources</c> object.</summary>
    public static void Apply(HostConfig h, JsonObject resources)
    {
        var memory = new JsonObject();
        if (h.Memory > 0)
        {
            memory["limit"] = h.Memory;
            // Docker's default: as much swap as memory (swap = memory + swap limit).
            memory["swap"] = h.MemorySwap != 0 ? h.MemorySwap : h.Memory > long.MaxValue / 2 ? -1 : h.Memory * 2;
        }
        if (h.MemoryReservation > 0)
            memory["reservation"] = h.MemoryReservation;
        if (h.OomKillDisable == true)
            memory["disableOOMKiller"] = true;
        if (memory.Count > 0)
            resources["memory"] = memory;

        var cpu = new JsonObject();
        if (h.CpuShares > 0)
            cpu["shares"] = h.CpuShares;
        if (h.NanoCpus > 0)
        {
            cpu["period"] = DefaultCpuPeriod;
            cpu["quota"] = h.NanoCpus * DefaultCpuPeriod / 1_000_000_000;
        }
        if (h.CpuPeriod > 0)
            cpu["period"] = h.CpuPeriod;
        if (h.CpuQuota > 0)
            cpu["quota"] = h.CpuQuota;
        if (h.CpusetCpus.Length > 0)
            cpu["cpus"] = h.CpusetCpus;
        if (h.CpusetMems.Length > 0)
            cpu["mems"] = h.CpusetMems;
        if (cpu.Count > 0)
            resources["cpu"] = cpu;

        if (h.PidsLimit is > 0)
            resources["pids"] = new JsonObject { ["limit"] = h.PidsLimit.Value };
        if (h.BlkioWeight > 0 && s_blkioWeight)
            resources["blockIO"] = new JsonObject { ["weight"] = h.BlkioWeight };
    }
}
