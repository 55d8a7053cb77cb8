using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Berth.Client.Streams;

/// <summary>
/// Reads the Engine API's JSON message streams (pull, push, import, load): a sequence of
/// concatenated JSON objects, usually one per line. Values are split by tracking braces
/// outside strings, so framing does not depend on newlines.
/// </summary>
public static class JsonMessageReader
{
    public static async IAsyncEnumerable<JsonDocument> ReadAllAsync(Stream source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var depth = 0;
        var inString = false;
        var escaped = false;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (depth == 0 && b != (byte)'{' && b != (byte)'[')
                {
                    continue;
                }

                pending.WriteByte(b);
                if (inString)
                {
                    if (escaped)
                    {
                        escaped = false;
                    }
                    else if (b == (byte)'\\')
                    {
                        escaped = true;
                    }
                    else if (b == (byte)'"')
                    {
                        inString = false;
                    }

                    continue;
                }

                switch (b)
                {
                    case (byte)'"':
                        inString = true;
                        break;
                    case (byte)'{' or (byte)'[':
                        depth++;
                        break;
                    case (byte)'}' or (byte)']':
                        depth--;
                        if (depth == 0)
                        {
                            var document = JsonDocument.Parse(pending.ToArray());
                            pending.SetLength(0);
                            yield return document;
                        }

                        break;
                }
            }
        }
    }
}
