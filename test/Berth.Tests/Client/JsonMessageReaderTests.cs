using System.Text;
using Berth.Client.Streams;

namespace Berth.Tests.Client;

public sealed class JsonMessageReaderTests
{
    [Fact]
    public async Task SplitsConcatenatedObjectsRegardlessOfNewlines()
    {
        var text = "{\"status\":\"a}\\\"{\"}\r\n{\"id\":\"x\",\"progressDetail\":{}}{\"stream\":\"done\\n\"}";
        var messages = new List<string>();
        await foreach (var document in JsonMessageReader.ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), CancellationToken.None))
        {
            messages.Add(document.RootElement.GetRawText());
        }

        Assert.Equal(3, messages.Count);
        Assert.Equal("{\"status\":\"a}\\\"{\"}", messages[0]);
    }
}
