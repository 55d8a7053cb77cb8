using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Berth.Core.Errors;

namespace Berth.Engine.Runtime;

/// <summary>
/// <c>--device-cgroup-rule</c>s ("c 1:3 mr", "b *:* rwm", "a 7:* m"), as moby reads them: each
/// adds an allow rule to the container's device cgroup after the default ones. Checked at
/// create, so a bad rule is the client's 400 rather than a failed start.
/// </summary>
public static partial class DeviceCgroupRules
{
    [GeneratedRegex(@"^([acb]) ([0-9]+|\*):([0-9]+|\*) ([rwm]{1,3})$")]
    private static partial Regex Rule();

    public static void Validate(IReadOnlyList<string>? rules)
    {
        foreach (string rule in rules ?? [])
            if (!Rule().IsMatch(rule))
                throw BerthException.Invalid($"invalid device cgroup rule format: '{rule}'");
    }

    /// <summary>The OCI spec's <c>linux.resources.devices</c> entries; a <c>*</c> number is left out (any).</summary>
    public static IEnumerable<JsonObject> ToSpec(IReadOnlyList<string>? rules)
    {
        foreach (string rule in rules ?? [])
        {
            var m = Rule().Match(rule);
            if (!m.Success)
                throw BerthException.Invalid($"invalid device cgroup rule format: '{rule}'");
            var entry = new JsonObject { ["allow"] = true, ["type"] = m.Groups[1].Value };
            if (m.Groups[2].Value != "*") entry["major"] = long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (m.Groups[3].Value != "*") entry["minor"] = long.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            entry["access"] = m.Groups[4].Value;
            yield return entry;
        }
    }
}
