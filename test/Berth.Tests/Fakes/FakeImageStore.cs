using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Tests.Fakes;

/// <summary>An <see cref="IImageStore"/> that knows images by ID and by the names the test gives them.</summary>
internal sealed class FakeImageStore : IImageStore
{
    public Dictionary<string, Image> Names { get; } = [];

    public void Add(Image image, params string[] names)
    {
        Names[image.Id] = image;
        foreach (string name in names)
            Names[name] = image;
    }

    public Image Resolve(string name) => TryResolve(name) ?? throw BerthException.NotFound($"No such image: {name}");

    public Image? TryResolve(string name) => Names.GetValueOrDefault(name);
}
