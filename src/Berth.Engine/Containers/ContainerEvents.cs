using Berth.Core.Containers;

namespace Berth.Engine.Containers;

/// <summary>The attributes Docker puts on a container event: the container's labels, image and name, then the action's own.</summary>
internal static class ContainerEvents
{
    public static Dictionary<string, string> Attributes(Container c, params (string Key, string Value)[] extra)
    {
        var attributes = new Dictionary<string, string>(c.Config.Labels ?? new Dictionary<string, string>()) { ["image"] = c.Config.Image, ["name"] = c.Name };
        foreach (var (key, value) in extra)
            attributes[key] = value;
        return attributes;
    }
}
