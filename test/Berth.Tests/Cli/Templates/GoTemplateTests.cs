using System.Text.Json;
using Berth.Cli.Templates;

namespace Berth.Tests.Cli.Templates;

public sealed class GoTemplateTests
{
    private static readonly JsonElement s_container = JsonDocument.Parse("""
        {"Id":"abc","Name":"/web","State":{"Pid":42,"Running":true,"Status":"running"},
         "Config":{"Cmd":["sleep","10"],"Env":["A=1","B=2"],"Labels":{"tier":"front","app":"web"},"Entrypoint":null},
         "HostConfig":{"Memory":1073741824,"NanoCpus":1.5},"Html":"<a&b>"}
        """).RootElement;

    private static string Run(string template, object? data = null, TemplateOptions options = default)
        => GoTemplate.Parse(template).Execute(data ?? s_container, options);

    [Theory]
    [InlineData("{{.Id}}", "abc")]
    [InlineData("{{.State.Pid}}", "42")]
    [InlineData("{{.State.Running}}", "true")]
    [InlineData("{{.Config.Cmd}}", "[sleep 10]")]
    [InlineData("{{.Config.Labels}}", "map[app:web tier:front]")]
    [InlineData("{{.Config.Entrypoint}}", "<nil>")]
    [InlineData("{{.HostConfig.Memory}}", "1073741824")]
    [InlineData("{{.HostConfig.NanoCpus}}", "1.5")]
    [InlineData("{{.Missing}}", "<no value>")]
    public void PrintsFieldsLikeGo(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{json .Config.Cmd}}", "[\"sleep\",\"10\"]")]
    [InlineData("{{json .State}}", "{\"Pid\":42,\"Running\":true,\"Status\":\"running\"}")]
    [InlineData("{{json .Html}}", "\"<a&b>\"")]
    [InlineData("{{index .Config.Labels \"tier\"}}", "front")]
    [InlineData("{{index .Config.Cmd 1}}", "10")]
    [InlineData("{{join .Config.Env \",\"}}", "A=1,B=2")]
    [InlineData("{{lower \"ABC\"}} {{upper .Name}} {{title \"hello wide world\"}}", "abc /WEB Hello Wide World")]
    [InlineData("{{printf \"%s-%d-%5s|%-4s|%q\" .Id .State.Pid \"x\" \"y\" .Id}}", "abc-42-    x|y   |\"abc\"")]
    [InlineData("{{len .Config.Env}} {{len .Config.Labels}} {{len .Id}}", "2 2 3")]
    [InlineData("{{.Name | printf \"%s!\"}}", "/web!")]
    [InlineData("{{split \"a:b\" \":\"}}", "[a b]")]
    [InlineData("{{pad .Id 1 2}}|{{truncate .Id 2}}", " abc  |ab")]
    public void Functions(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{range .Config.Env}}<{{.}}>{{end}}", "<A=1><B=2>")]
    [InlineData("{{range $i, $e := .Config.Cmd}}{{$i}}={{$e}} {{end}}", "0=sleep 1=10 ")]
    [InlineData("{{range $k, $v := .Config.Labels}}{{$k}}:{{$v}};{{end}}", "app:web;tier:front;")]
    [InlineData("{{range .Config.Entrypoint}}x{{else}}empty{{end}}", "empty")]
    [InlineData("{{if .State.Running}}up{{else}}down{{end}}", "up")]
    [InlineData("{{if eq .State.Status \"exited\"}}a{{else if eq .State.Status \"running\"}}b{{else}}c{{end}}", "b")]
    [InlineData("{{if and .State.Running (gt .State.Pid 1)}}yes{{end}}", "yes")]
    [InlineData("{{if not .Config.Entrypoint}}none{{end}}", "none")]
    [InlineData("{{with .State}}{{.Pid}}{{end}}", "42")]
    [InlineData("{{$n := .Name}}{{range .Config.Cmd}}{{$n}}{{end}}", "/web/web")]
    [InlineData("a  {{- .Id -}}  b", "aabcb")]
    [InlineData("{{/* comment */}}x", "x")]
    [InlineData("{{(index .Config.Labels \"app\") | upper}}", "WEB")]
    public void Actions(string template, string expected) => Assert.Equal(expected, Run(template));

    [Fact]
    public void TemplateObjectsMarshalSortedAndHtmlEscaped()
    {
        var row = new TemplateObject("*formatter.ContainerContext") { ["Names"] = "web", ["ID"] = "<none>", ["Label"] = new TemplateMethod(a => "v") };
        Assert.Equal("{\"ID\":\"\\u003cnone\\u003e\",\"Names\":\"web\"}", Run("{{json .}}", row));
        Assert.Equal("v", Run("{{.Label \"x\"}}", row));
    }

    [Fact]
    public void UnknownFieldOfStructIsAnError()
    {
        var row = new TemplateObject("*formatter.ContainerContext") { ["ID"] = "1" };
        var error = Assert.Throws<TemplateException>(() => Run("{{.Foo}}", row));
        Assert.Equal("template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext", error.Message);
    }

    [Fact]
    public void MissingKeyErrorForInspect()
    {
        var error = Assert.Throws<TemplateException>(() => Run("{{.Foo}}", options: new TemplateOptions(MissingKeyIsError: true)));
        Assert.Contains("map has no entry for key \"Foo\"", error.Message);
    }

    [Theory]
    [InlineData("{{.ID", "template: :1: unclosed action")]
    [InlineData("{{if .A}}x", "template: :1: unexpected EOF")]
    [InlineData("{{end}}", "template: :1: unexpected {{end}}")]
    public void SyntaxErrors(string template, string message)
        => Assert.Equal(message, Assert.Throws<TemplateException>(() => GoTemplate.Parse(template)).Message);

    [Fact]
    public void HeaderModeDisablesFormattingFunctions()
    {
        var header = new TemplateObject("header") { ["ID"] = "CONTAINER ID" };
        Assert.Equal("CONTAINER ID", Run("{{.ID | lower}}", header, new TemplateOptions(HeaderMode: true)));
    }
}
