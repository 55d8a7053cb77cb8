namespace Berth.Tests;

/// <summary>A private directory for one test, removed afterwards.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("berth-test-").FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Retried: code under test may still be deleting a tree of its own in here in the background.</summary>
    public void Dispose()
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or IOException && attempt < 20 && Directory.Exists(Path))
            {
                Thread.Sleep(20);
            }
        }
    }
}
