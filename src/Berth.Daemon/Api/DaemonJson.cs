using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Daemon.Api.Models;

namespace Berth.Daemon.Api;

/// <summary>
/// Source-generated JSON for everything the Engine API writes and reads: the views in
/// <c>Models/</c>, each route's small answers, the request models. berthd is a Native AOT
/// executable, where reflection-based serialization is not there; a type missing here is an
/// error at the call (the <c>DaemonJson.Api.X</c> property does not exist) or, for a value
/// typed <c>object</c>, at run time: every shape an <c>object</c> field can hold is listed too.
/// <see cref="Api"/> is the API's options (Go's escaping, JSON null read as "" or as a zero); <c>Default</c>
/// the serializer's own, for the bodies that were always written with them (JSON message
/// streams, wait, the path-stat header).
/// </summary>
[JsonSerializable(typeof(ContainerViews.ContainerInspectView))]
[JsonSerializable(typeof(List<ContainerViews.ContainerSummaryView>))]
[JsonSerializable(typeof(ContainerViews.VolumeMountView))]
[JsonSerializable(typeof(ContainerViews.MountView))]
[JsonSerializable(typeof(ContainerViews.PublishedPortView))]
[JsonSerializable(typeof(ContainerViews.ExposedPortView))]
[JsonSerializable(typeof(ContainerCreateRequest))]
[JsonSerializable(typeof(HostConfigModel))]
[JsonSerializable(typeof(EndpointSettingsModel))]
[JsonSerializable(typeof(Core.Containers.ContainerConfig))]
[JsonSerializable(typeof(Core.Containers.HostConfig))]
[JsonSerializable(typeof(ContainerRoutes.ContainerCreateResponse))]
[JsonSerializable(typeof(ContainerRoutes.ContainerUpdateResponse))]
[JsonSerializable(typeof(ContainerRoutes.ContainerPruneResponse))]
[JsonSerializable(typeof(ContainerRoutes.TopResponse))]
[JsonSerializable(typeof(ContainerRoutes.WaitResponse))]
[JsonSerializable(typeof(List<ContainerFileRoutes.ChangeView>))]
[JsonSerializable(typeof(PathStatHeader.PathStatView))]
[JsonSerializable(typeof(ImageViews.ImageInspectView))]
[JsonSerializable(typeof(List<ImageViews.ImageSummaryView>))]
[JsonSerializable(typeof(List<ImageViews.ImageHistoryView>))]
[JsonSerializable(typeof(ImageRoutes.UntaggedView))]
[JsonSerializable(typeof(ImageRoutes.DeletedView))]
[JsonSerializable(typeof(ImageRoutes.CommitResponse))]
[JsonSerializable(typeof(ImageRoutes.ImagePruneResponse))]
[JsonSerializable(typeof(List<ImageRoutes.SearchResultView>))]
[JsonSerializable(typeof(DistributionRoutes.DistributionInspectView))]
[JsonSerializable(typeof(DistributionRoutes.LoginResponse))]
[JsonSerializable(typeof(Core.Build.BuildCachePruneReport))]
[JsonSerializable(typeof(VolumeViews.VolumeView))]
[JsonSerializable(typeof(VolumeRoutes.VolumeListResponse))]
[JsonSerializable(typeof(VolumeRoutes.VolumePruneResponse))]
[JsonSerializable(typeof(NetworkRoutes.NetworkView))]
[JsonSerializable(typeof(List<NetworkRoutes.NetworkView>))]
[JsonSerializable(typeof(NetworkRoutes.NetworkCreateResponse))]
[JsonSerializable(typeof(NetworkRoutes.NetworkPruneResponse))]
[JsonSerializable(typeof(ExecRoutes.ExecCreateResponse))]
[JsonSerializable(typeof(ExecRoutes.ExecInspectView))]
[JsonSerializable(typeof(SystemRoutes.VersionView))]
[JsonSerializable(typeof(SystemRoutes.InfoView))]
[JsonSerializable(typeof(DiskUsageViews.DiskUsageView))]
[JsonSerializable(typeof(DiskUsageViews.UsageDataView))]
[JsonSerializable(typeof(StatsRoutes.StatsView))]
[JsonSerializable(typeof(StatsRoutes.EmptyView))]
[JsonSerializable(typeof(StatsRoutes.MemoryStats))]
[JsonSerializable(typeof(EventRoutes.EventMessage))]
[JsonSerializable(typeof(ErrorMiddleware.ErrorResponse))]
[JsonSerializable(typeof(JsonProgress.StatusMessage))]
[JsonSerializable(typeof(JsonProgress.StreamMessage))]
[JsonSerializable(typeof(JsonProgress.ErrorMessage))]
[JsonSerializable(typeof(JsonProgress.AuxMessage))]
// Values of object-typed fields: unknown config fields and image-config maps as read
// (JsonElement), the build's EXPOSE and VOLUME entries ({}), df's added sizes.
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(object[]))]
[JsonSerializable(typeof(List<object>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
internal sealed partial class DaemonJson : JsonSerializerContext
{
    /// <summary>The Engine API's JSON: names as declared (Docker's), nulls written.</summary>
    public static DaemonJson Api { get; } = new(ApiOptions());

    private static JsonSerializerOptions ApiOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // Go's encoder escapes only <, > and &; quotes in messages stay readable.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new NullAsEmptyString() },
        };
        foreach (var zero in NullAsZero<bool>.All())
            options.Converters.Add(zero);
        return options;
    }
}
