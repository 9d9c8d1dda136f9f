import ConformanceCore
import Foundation
import TestSupport
import Testing

@testable import ConformanceNetwork

/// Exactly the request the scenario describes reaches the wire: a test server echoes the header set it got for
/// each kind of request, and nothing libcurl would add by default (Accept, Expect, a form content type,
/// Accept-Encoding, Connection) is in it.
@Suite(.serialized) struct ExactRequestTests {
  let server: FaultServer
  let transport: LiveTransport

  init() async throws {
    server = try await FaultServer.start()
    transport = try LiveTransport(LiveTransportConfiguration(baseURL: server.baseURL))
  }

  struct Echo {
    var method: String
    var path: String
    var headers: [[String]]
    var body: String
    var names: [String] { headers.map { $0[0] } }
  }

  func echo(_ request: HTTPRequest) async throws -> Echo {
    let r = await transport.send(request, timeout: .seconds(20))
    guard case .success(let reply) = r else {
      Issue.record("no answer: \(r)")
      throw CancellationError()
    }
    let json = try JSONParser.parse(reply.response.body)
    return Echo(
      method: json["method"]?.stringValue ?? "", path: json["path"]?.stringValue ?? "",
      headers: json["headers"]?.arrayValue?.compactMap { $0.arrayValue?.compactMap(\.stringValue) }
        ?? [],
      body: json["body"]?.stringValue ?? "")
  }

  static let source = SourceRef(file: "exact.json", line: 1, column: 1)

  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var spec: RequestSpec
    var family: Family
    /// The exact header names the server must see, in any order (no more, no fewer).
    var names: Set<String>
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "GET with the OpenAI family's bearer key",
      spec: RequestSpec(method: "GET", path: "/echo/v1/models", source: source), family: .openai,
      names: ["host", "user-agent", "authorization"]),
    Case(
      name: "POST with a JSON body",
      spec: RequestSpec(
        method: "POST", path: "/echo/v1/chat/completions", body: .json(["model": "m"]),
        source: source),
      family: .openai,
      names: ["host", "user-agent", "authorization", "content-type", "content-length"]),
    Case(
      name: "the Anthropic family's x-api-key and anthropic-version",
      spec: RequestSpec(
        method: "POST", path: "/echo/v1/messages", body: .json(["model": "m"]), source: source),
      family: .anthropic,
      names: [
        "host", "user-agent", "x-api-key", "anthropic-version", "content-type", "content-length",
      ]),
    Case(
      name: "POST without a body still says content-length 0",
      spec: RequestSpec(method: "POST", path: "/echo/cancel", source: source), family: .openai,
      names: ["host", "user-agent", "authorization", "content-length"]),
    Case(
      name: "DELETE without a body",
      spec: RequestSpec(method: "DELETE", path: "/echo/v1/files/f1", source: source),
      family: .openai, names: ["host", "user-agent", "authorization"]),
    Case(
      name: "no auth, user-agent removed by the scenario",
      spec: RequestSpec(
        method: "GET", path: "/echo", auth: .fixed(.none), headers: [("user-agent", nil)],
        source: source),
      family: .openai, names: ["host"]),
    Case(
      name: "the scenario's own Accept, Accept-Encoding and Connection go out once, as written",
      spec: RequestSpec(
        method: "GET", path: "/echo", auth: .fixed(.none),
        headers: [
          ("accept", "text/event-stream"), ("accept-encoding", "gzip"), ("connection", "close"),
        ],
        source: source),
      family: .openai, names: ["host", "user-agent", "accept", "accept-encoding", "connection"]),
  ]

  @Test(arguments: cases) func exactlyTheseHeaders(_ c: Case) async throws {
    let request = RequestBuilder.build(
      c.spec, profile: RouteCatalog.anyint.profile(c.family),
      credentials: Credentials(validKey: "sk-exact-key"))
    let echo = try await echo(request)
    #expect(Set(echo.names) == c.names, "\(c.name): \(echo.headers)")
    #expect(echo.names.count == c.names.count, "no header twice: \(echo.headers)")
    #expect(echo.method == c.spec.method)
    #expect(echo.path == c.spec.path)
    for field in request.headers.fields {
      #expect(
        echo.headers.contains([field.name.lowercased(), field.value]), "\(field.name) as built")
    }
    #expect(
      echo.headers.contains(["user-agent", RequestBuilder.userAgent])
        == c.names.contains("user-agent"))
    if c.names.contains("content-length") {
      #expect(echo.headers.contains(["content-length", "\(request.body.count)"]))
    }
  }

  @Test func anEmptyHeaderValueIsSentEmpty() async throws {
    let echo = try await echo(
      HTTPRequest(method: "GET", target: "/echo", headers: HTTPHeaders([("x-empty", "")])))
    #expect(echo.headers.contains(["x-empty", ""]), "\(echo.headers)")
    #expect(Set(echo.names) == ["host", "x-empty"])
  }

  @Test func aLargeBodyGoesWithoutExpectAndByteForByte() async throws {
    // libcurl adds Expect: 100-continue to large bodies by default.
    let body = (0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let echo = try await echo(
      HTTPRequest(
        method: "PUT", target: "/echo",
        headers: HTTPHeaders([("content-type", "application/octet-stream")]),
        body: body))
    #expect(Set(echo.names) == ["host", "content-type", "content-length"], "\(echo.headers)")
    #expect(Array(echo.body.unicodeScalars.map { UInt8($0.value) }) == body)
  }

  @Test func pathsAndQueriesGoAsWritten() async throws {
    // No dot-segment squashing, no re-encoding.
    for target in ["/echo/a/../b?x=%2F&y=1", "/echo//double?q=a%20b", "/echo/%7Euser"] {
      let echo = try await echo(HTTPRequest(method: "GET", target: target))
      #expect(echo.path == target)
    }
  }

  /// Bytes a request line cannot hold (a variable's value with a space, non-ASCII letters) are percent-encoded
  /// and sent, not refused; everything else goes as written.
  @Test(arguments: [
    ("/echo/task?taskId=sk-1 ", "/echo/task?taskId=sk-1%20"),
    ("/echo/w\u{F6}rd?q=\"a\"<b>", "/echo/w%C3%B6rd?q=%22a%22%3Cb%3E"),
    ("/echo/{x}|^`\\", "/echo/%7Bx%7D%7C%5E%60%5C"),
    ("/echo/a%20b?p@ss/w+rd&~", "/echo/a%20b?p@ss/w+rd&~"),
  ])
  func unsafeBytesArePercentEncoded(_ target: String, _ sent: String) async throws {
    #expect(CurlTransfer.wireTarget(target) == sent)
    let echo = try await echo(HTTPRequest(method: "GET", target: target))
    #expect(echo.path == sent)
  }

  @Test func aHeaderWithALineBreakIsRefusedNotSent() async throws {
    let r = await transport.send(
      HTTPRequest(
        method: "GET", target: "/echo", headers: HTTPHeaders([("x-bad", "a\r\nx-injected: 1")])),
      timeout: .seconds(5))
    guard case .failure(let f) = r else {
      Issue.record("a header with CRLF must not be sent: \(r)")
      return
    }
    #expect(f.kind == .invalidRequest)
    #expect(f.message.contains("x-bad"))
  }

  @Test func rewritesReplaceAPathPrefixBeforeSending() async throws {
    var c = LiveTransportConfiguration(baseURL: server.baseURL)
    c.rewrites = [
      PathRewrite(from: "/openai/v1", to: "/echo/v1"), PathRewrite(from: "/anthropic", to: "/echo"),
    ]
    let t = try LiveTransport(c)
    for (target, sent) in [
      ("/openai/v1/models?limit=2", "/echo/v1/models?limit=2"),
      ("/anthropic/v1/messages", "/echo/v1/messages"),
    ] {
      let r = await t.send(HTTPRequest(method: "GET", target: target), timeout: .seconds(10))
      guard case .success(let reply) = r else {
        Issue.record("\(r)")
        continue
      }
      #expect(try JSONParser.parse(reply.response.body)["path"]?.stringValue == sent)
    }
  }
}
