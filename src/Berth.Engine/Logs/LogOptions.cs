using System.Globalization;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Units;

namespace Berth.Engine.Logs;

/// <summary>
/// A container's <c>--log-driver</c> and <c>--log-opt</c>s, checked at create as Docker checks
/// them. Whatever the driver, conmon writes the log (attach reads it); <c>json-file</c> and
/// <c>local</c> differ in their rotation defaults, <c>none</c> refuses to be read.
/// </summary>
/// <param name="Compress">rotated files are gzipped (<c>compress</c>; on by default for <c>local</c>, as Docker's).</param>
public sealed record LogOptions(string Driver, long MaxSize, int MaxFiles, bool Compress = false)
{
    public const string DefaultDriver = "json-file";

    private static readonly Dictionary<string, string[]> s_options = new()
    {
        ["json-file"] = ["max-size", "max-file", "compress", "labels", "labels-regex", "env", "env-regex", "tag", "mode", "max-buffer-size"],
        ["local"] = ["max-size", "max-file", "compress", "mode", "max-buffer-size"],
        ["k8s-file"] = ["max-size", "max-file", "mode", "max-buffer-size"],
        ["none"] = [],
    };

    public bool Readable => Driver != "none";

    public bool Rotates => MaxSize > 0;

    /// <summary>
    /// Refuses unknown drivers, options and bad values. The result's <see cref="Driver"/> is the
    /// default driver when the config names none: create stores that.
    /// </summary>
    public static LogOptions Validate(LogConfig config)
    {
        if (string.IsNullOrEmpty(config.Type))
            config = config with { Type = DefaultDriver };
        if (!s_options.TryGetValue(config.Type, out var known))
            throw BerthException.Invalid($"logger: no log driver named '{config.Type}' is registered");
        foreach (string key in config.Config.Keys)
            if (!known.Contains(key))
                throw BerthException.Invalid($"unknown log opt '{key}' for {config.Type} log driver");
        return From(config);
    }

    /// <summary>
    /// A container's log config with the daemon's <c>log-driver</c>/<c>log-opts</c> filled in, as
    /// dockerd merges them: no driver means the daemon's; with the daemon's driver, each daemon
    /// option the container did not set applies.
    /// </summary>
    public static LogConfig WithDefaults(LogConfig config, LogConfig defaults)
    {
        string type = string.IsNullOrEmpty(config.Type) ? (string.IsNullOrEmpty(defaults.Type) ? DefaultDriver : defaults.Type) : config.Type;
        if (type != (string.IsNullOrEmpty(defaults.Type) ? DefaultDriver : defaults.Type) || defaults.Config.Count == 0)
            return config with { Type = type };
        var merged = new Dictionary<string, string>(defaults.Config);
        foreach (var (key, value) in config.Config)
            merged[key] = value;
        return config with { Type = type, Config = merged };
    }

    /// <summary>The rotation settings of an already validated configuration.</summary>
    public static LogOptions From(LogConfig config)
    {
        bool local = config.Type == "local";
        long maxSize = local ? 20L << 20 : -1;
        if (config.Config.TryGetValue("max-size", out var size) && size.Length > 0)
        {
            try
            {
                maxSize = ByteSize.Parse(size);
            }
            catch (FormatException e)
            {
                throw BerthException.Invalid(e.Message);
            }
        }
        int maxFiles = local ? 5 : 1;
        if (config.Config.TryGetValue("max-file", out var files) && files.Length > 0)
        {
            if (!int.TryParse(files, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out maxFiles))
                throw BerthException.Invalid($"strconv.Atoi: parsing \"{files}\": invalid syntax");
            if (maxFiles < 1)
                throw BerthException.Invalid("max-file cannot be less than 1");
            // As Docker's json-file, max-file without max-size is accepted: nothing rotates.
        }
        bool compressed = local;
        if (config.Config.TryGetValue("compress", out var compress))
        {
            bool on = compressed = compress switch
            {
                "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
                "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
                _ => throw BerthException.Invalid($"strconv.ParseBool: parsing \"{compress}\": invalid syntax"),
            };
            if (on && !local && (maxFiles == 1 || maxSize <= 0))
                throw BerthException.Invalid("compress cannot be true when max-file is less than 2 or max-size is not set");
        }
        return new LogOptions(config.Type, maxSize, maxFiles, compressed);
    }

    /// <summary>
    /// The attributes <c>logs --details</c> shows before each line: the values of the labels
    /// and environment variables named by the <c>labels</c>/<c>env</c> options (and matched
    /// by the <c>-regex</c> ones), sorted by name, query-escaped as Go's url.QueryEscape does.
    /// </summary>
    public static string Details(LogConfig config, ContainerConfig container)
    {
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var labels = container.Labels ?? new Dictionary<string, string>();
        var env = (container.Env ?? []).Select(e => e.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
        Pick(config, "labels", "labels-regex", labels, attributes);
        Pick(config, "env", "env-regex", env, attributes);
        return string.Join(',', attributes.Select(a => System.Net.WebUtility.UrlEncode(a.Key) + "=" + System.Net.WebUtility.UrlEncode(a.Value)));
    }

    private static void Pick(LogConfig config, string namesKey, string regexKey, IReadOnlyDictionary<string, string> source, SortedDictionary<string, string> into)
    {
        if (config.Config.TryGetValue(namesKey, out var names))
            foreach (string name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (source.TryGetValue(name, out var value))
                    into[name] = value;
        if (config.Config.TryGetValue(regexKey, out var pattern) && pattern.Length > 0)
        {
            var regex = new System.Text.RegularExpressions.Regex(pattern);
            foreach (var (name, value) in source)
                if (regex.IsMatch(name))
                    into[name] = value;
        }
    }
}
