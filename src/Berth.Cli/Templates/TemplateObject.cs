namespace Berth.Cli.Templates;

/// <summary>
/// Template data with a fixed set of fields, standing in for the Go structs docker formats
/// (ContainerContext, ImageContext...). Unknown fields are an execution error, as with a struct;
/// <c>{{json .}}</c> marshals the fields sorted by name, as docker's MarshalJSON maps do, or
/// <see cref="Json"/> when set (plain Go structs, marshalled in declaration order with their JSON names).
/// </summary>
internal sealed class TemplateObject(string typeName)
{
    private readonly Dictionary<string, object?> _fields = new(StringComparer.Ordinal);

    /// <summary>The Go type named in errors, e.g. "*formatter.ContainerContext".</summary>
    public string TypeName { get; } = typeName;

    public IEnumerable<KeyValuePair<string, object?>> Fields => _fields;

    /// <summary>What <c>{{json .}}</c> writes instead of the sorted fields, as Go's encoder would (no HTML escaping).</summary>
    public System.Text.Json.JsonElement? Json { get; init; }

    /// <summary>Field names listed by <c>{{json .}}</c>: methods with arguments are not marshalled.</summary>
    public IEnumerable<KeyValuePair<string, object?>> JsonFields
        => _fields.Where(f => f.Value is not TemplateMethod).OrderBy(f => f.Key, StringComparer.Ordinal);

    public object? this[string name]
    {
        set => _fields[name] = value;
    }

    public bool TryGet(string name, out object? value) => _fields.TryGetValue(name, out value);
}
