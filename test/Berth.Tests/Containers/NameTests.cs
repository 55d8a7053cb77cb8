using Berth.Core.Errors;
using Berth.Engine.Containers;

namespace Berth.Tests.Containers;

public sealed class NameTests
{
    [Fact]
    public void Generated_names_are_adjective_underscore_surname()
    {
        for (int i = 0; i < 200; i++)
        {
            string name = NameGenerator.Generate();
            Assert.Matches("^[a-z]+_[a-z]+$", name);
            Assert.NotEqual("boring_wozniak", name);
            Assert.Equal(name, ContainerNames.Validate(name));
        }
    }

    [Fact]
    public void A_retry_appends_a_digit() => Assert.Matches("^[a-z]+_[a-z]+[0-9]$", NameGenerator.Generate(retry: 1));

    [Theory]
    [InlineData("web", "web")]
    [InlineData("/web", "web")]
    [InlineData("a.b-c_d", "a.b-c_d")]
    public void Valid_names_lose_the_leading_slash(string given, string stored) => Assert.Equal(stored, ContainerNames.Validate(given));

    [Theory]
    [InlineData("a")]
    [InlineData("-web")]
    [InlineData("we b")]
    [InlineData("web/1")]
    public void Invalid_names_are_refused_as_docker_words_it(string name)
    {
        var e = Assert.Throws<BerthException>(() => ContainerNames.Validate(name));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", e.Message);
    }

    [Fact]
    public void Ids_are_64_lowercase_hex_and_unique()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => ContainerNames.NewId()).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{64}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
