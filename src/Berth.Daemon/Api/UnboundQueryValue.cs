using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;

namespace Berth.Daemon.Api;

/// <summary>
/// Names the query value a route handler could not bind. The build-time request delegates
/// answer a nullable number or flag that does not parse (<c>limit=abc</c>) with a bare 400
/// and no exception, whatever <c>ThrowOnBadRequest</c> says; this finds the value again from
/// the endpoint's parameter metadata and words it as Go's strconv does, as dockerd answers.
/// </summary>
internal static class UnboundQueryValue
{
    public static string Describe(HttpContext context)
    {
        var parameters = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [];
        foreach (var p in parameters)
        {
            if (!context.Request.Query.TryGetValue(p.Name, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
                continue;
            string value = values[0]!;
            var type = Nullable.GetUnderlyingType(p.ParameterInfo.ParameterType) ?? p.ParameterInfo.ParameterType;
            string? function = Type.GetTypeCode(type) switch
            {
                TypeCode.Int32 => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "strconv.Atoi",
                TypeCode.Int64 => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "strconv.ParseInt",
                TypeCode.UInt32 or TypeCode.UInt64 => ulong.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "strconv.ParseUint",
                TypeCode.Boolean => bool.TryParse(value, out _) ? null : "strconv.ParseBool",
                TypeCode.Double => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : "strconv.ParseFloat",
                _ => null,
            };
            if (function is not null)
            {
                bool outOfRange = type != typeof(bool) && value.TrimStart('-', '+').All(char.IsAsciiDigit);
                return $"{function}: parsing \"{value}\": {(outOfRange ? "value out of range" : "invalid syntax")}";
            }
        }
        return "a query value could not be read: " + context.Request.QueryString;
    }
}
