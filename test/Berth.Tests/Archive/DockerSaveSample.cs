namespace Berth.Tests.Archive;

/// <summary>
/// JSON from a real <c>docker save</c> (Docker Engine 20.10, busybox imported from the
/// busybox-static binary): the image config, and the v1 JSON Docker derives for its single
/// layer, whose ID is the layer directory's name in that archive.
/// </summary>
internal static class DockerSaveSample
{
    public const string ConfigDigest = "sha256:2d32a47a71b5b4cb7742c2272d2044580099eca8b8f050f6e4307c4423d665d3";
    public const string DiffId = "sha256:805c2628ab34bcaf0af946791e36e5ff87eb128dcf522196173a4082eb65bbc7";
    public const string V1Id = "sha256:12244a82d6beab1f2f23176d380dc754039ef79cd8d6d62b29578ecf512f6ba6";

    public const string Config = """
{"architecture":"amd64","comment":"Imported from -","config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"created":"2026-11-22T13:31:02.782057956Z","docker_version":"20.10.24+dfsg1","history":[{"created":"2026-11-22T13:31:02.782057956Z","comment":"Imported from -"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:805c2628ab34bcaf0af946791e36e5ff87eb128dcf522196173a4082eb65bbc7"]}}
""";

    public const string V1Json = """
{"id":"12244a82d6beab1f2f23176d380dc754039ef79cd8d6d62b29578ecf512f6ba6","comment":"Imported from -","created":"2026-11-22T13:31:02.782057956Z","container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"docker_version":"20.10.24+dfsg1","config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"architecture":"amd64","os":"linux"}
""";
}
