using System.Text;

namespace Berth.Client.Transport;

/// <summary>Builds a URL query; booleans are sent as <c>1</c>/<c>0</c> like the docker client does.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _builder = new();

    public QueryString Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _builder.Append(_builder.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryString AddFlag(string name, bool value) => value ? Add(name, "1") : this;

    public QueryString Add(string name, long? value) => value is { } v ? Add(name, v.ToString(System.Globalization.CultureInfo.InvariantCulture)) : this;

    public override string ToString() => _builder.ToString();
}
