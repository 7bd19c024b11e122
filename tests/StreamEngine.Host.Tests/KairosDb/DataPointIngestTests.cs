using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace StreamEngine.Host.Tests.KairosDb;

public sealed class DataPointIngestTests : KairosDbTests
{
    /// <summary>KairosDB's AddDataPoints documentation example, verbatim.</summary>
    private const string DocumentedExample = """
        [
          {
              "name": "archive_file_tracked",
              "datapoints": [[1359788400000, 123], [1359788300000, 13.2], [1359788410000, 23.1]],
              "tags": {
                  "host": "server1",
                  "data_center": "DC1"
              },
              "ttl": 300
          },
          {
              "name": "archive_file_search",
              "timestamp": 1359786400000,
              "value": 321,
              "tags": {
                  "host": "server2"
              }
          }
        ]
        """;

    [Fact]
    public async Task Documented_add_datapoints_example_is_stored_with_longs_and_doubles_kept_apart()
    {
        await Add(DocumentedExample);

        var answer = await Query("""
            {"start_absolute": 1359788000000, "end_absolute": 1359789000000,
             "metrics": [{"name": "archive_file_tracked"}]}
            """);
        Assert.Equal(3, answer.GetProperty("queries")[0].GetProperty("sample_size").GetInt64());
        Assert.Equal("[[1359788300000,13.2],[1359788400000,123],[1359788410000,23.1]]", Values(answer));
        Assert.Equal("""{"data_center":["DC1"],"host":["server1"]}""", Result(answer).GetProperty("tags").GetRawText());
        Assert.Equal("""[{"name":"type","type":"number"}]""", Result(answer).GetProperty("group_by").GetRawText());
    }

    [Fact]
    public async Task Single_timestamp_and_value_form_is_stored_as_one_point()
    {
        await Add(DocumentedExample);

        var answer = await Query("""{"start_absolute": 1359786400000, "end_absolute": 1359786400000, "metrics": [{"name": "archive_file_search"}]}""");
        Assert.Equal("[[1359786400000,321]]", Values(answer));
    }

    [Fact]
    public async Task Gzip_body_with_content_encoding_is_uncompressed_and_stored()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(DocumentedExample));
        }

        using var body = new ByteArrayContent(compressed.ToArray());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        body.Headers.ContentEncoding.Add("gzip");
        using var response = await Client.PostAsync("/api/v1/datapoints", body);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var answer = await Query("""{"start_absolute": 1359788000000, "end_absolute": 1359789000000, "metrics": [{"name": "archive_file_tracked"}]}""");
        Assert.Equal("[[1359788300000,13.2],[1359788400000,123],[1359788410000,23.1]]", Values(answer));
    }

    [Fact]
    public async Task Type_double_stores_a_whole_number_as_a_double()
    {
        await Add($$$"""{"name": "t", "type": "double", "tags": {"device_id": "1"}, "datapoints": [[{{{T0}}}, 21]]}""");

        var answer = await Query($$$"""{"start_absolute": {{{T0}}}, "end_absolute": {{{T0}}}, "metrics": [{"name": "t"}]}""");
        Assert.Equal($"[[{T0},21.0]]", Values(answer));
    }

    [Fact]
    public async Task Writing_a_point_again_leaves_one_point_with_the_new_value()
    {
        await Add($$$"""[{"name": "t", "tags": {"device_id": "1"}, "datapoints": [[{{{T0}}}, 4.5]]}]""");
        await Add($$$"""[{"name": "t", "tags": {"device_id": "1"}, "datapoints": [[{{{T0}}}, 5.5]]}]""");

        var answer = await Query($$$"""{"start_absolute": {{{T0}}}, "metrics": [{"name": "t"}]}""");
        Assert.Equal($"[[{T0},5.5]]", Values(answer));
    }
}
