using System.Text;
using System.Text.Json;

namespace Berth.Client;

/// <summary>
/// The Engine API's <c>filters</c> parameter: <c>{"name":{"value":true}}</c>, the encoding
/// docker's client sends and every daemon version accepts.
/// </summary>
public sealed class FilterArgs
{
    private readonly SortedDictionary<string, List<string>> _filters = new(StringComparer.Ordinal);

    public int Count => _filters.Count;

    public void Add(string name, string value)
    {
        if (!_filters.TryGetValue(name, out var values))
        {
            _filters[name] = values = [];
        }

        if (!values.Contains(value))
        {
            values.Add(value);
        }
    }

    /// <summary>A copy to add to without changing this one (one prune of several).</summary>
    public FilterArgs Copy()
    {
        var copy = new FilterArgs();
        foreach (var (name, values) in _filters)
        {
            copy._filters[name] = [.. values];
        }

        return copy;
    }

    /// <summary>Parses a <c>--filter name=value</c> argument.</summary>
    public void AddArgument(string argument)
    {
        var equals = argument.IndexOf('=');
        if (equals < 0)
        {
            throw new FormatException($"bad format of filter (expected name=value)");
        }

        Add(argument[..equals].Trim().ToLowerInvariant(), argument[(equals + 1)..].Trim());
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, values) in _filters)
            {
                writer.WriteStartObject(name);
                foreach (var value in values)
                {
                    writer.WriteBoolean(value, true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
