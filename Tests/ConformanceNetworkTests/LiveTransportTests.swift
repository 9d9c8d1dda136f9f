import ConformanceCore
import Foundation
import TestSupport
import Testing

@testable import ConformanceNetwork

/// Every network fault of issue 3, against a real socket peer: each is an outcome with an actionable message,
/// inside its time limit.
@Suite(.serialized) struct LiveTransportTests {
  let server: FaultServer
  let transport: LiveTransport

  init() async throws {
    server = try await FaultServer.start()
    transport = try LiveTransport(LiveTransportConfiguration(baseURL: server.baseURL))
  }

  static func transport(_ url: URL, maxBodyBytes: Int = 64 << 20) throws -> LiveTransport {
    var c = LiveTransportConfiguration(baseURL: url)
    c.maxBodyBytes = maxBodyBytes
    return try LiveTransport(c)
  }

  func get(
    _ path: String, timeoutMs: Int = 15_000, method: String = "GET",
    headers: [(String, String)] = [], body: [UInt8] = []
  ) async -> (
    TransportResult, Double
  ) {
    let watch = Stopwatch()
    let r = await transport.send(
      HTTPRequest(method: method, target: path, headers: HTTPHeaders(headers), body: body),
      timeout: .milliseconds(timeoutMs))
    return (r, watch.elapsedMs)
  }

  func faultOf(_ r: TransportResult) -> TransportFault? {
    if case .failure(let f) = r { return f }
    return nil
  }

  func replyOf(_ r: TransportResult) -> TransportReply? {
    if case .success(let s) = r { return s }
    return nil
  }

  @Test func aPlainAnswer() async throws {
    let (r, _) = await get("/ok")
    let reply = try #require(replyOf(r))
    #expect(reply.response.status == 200)
    #expect(reply.response.headers["content-type"] == "application/json")
    #expect(String(decoding: reply.response.body, as: UTF8.self) == #"{"ok": true}"#)
    #expect(reply.bodyFault == nil)
  }

  @Test func sendsHeadersAndBodyByteForByte() async throws {
    let body = Array(#"{"b": 1,   "a":"\u00e9"}"#.utf8) + [0xFF]
    let (r, _) = await get(
      "/echo?x=1", method: "POST",
      headers: [
        ("x-api-key", "k-123"), ("anthropic-version", "2023-06-01"),
        ("content-type", "application/json"),
      ],
      body: body)
    let echoed = try JSONParser.parse(try #require(replyOf(r)).response.body)
    #expect(echoed["method"] == "POST")
    #expect(echoed["path"] == "/echo?x=1")
    #expect(echoed["body"] == .string(String(body.map { Character(Unicode.Scalar($0)) })))
    let headers = echoed["headers"]?.arrayValue?.compactMap { $0.arrayValue } ?? []
    #expect(headers.contains(["x-api-key", "k-123"]))
    #expect(headers.contains(["anthropic-version", "2023-06-01"]))
  }

  @Test func aRedirectIsReportedNotFollowed() async throws {
    let (r, _) = await get("/redirect", method: "POST", body: Array("{}".utf8))
    let reply = try #require(replyOf(r))
    #expect(reply.response.status == 302)
    #expect(reply.response.headers["location"] == "/ok")
  }

  @Test func dnsFailure() async throws {
    let t = try Self.transport(try #require(URL(string: "http://no-such-host.invalid")))
    let watch = Stopwatch()
    let r = await t.send(HTTPRequest(method: "GET", target: "/ok"), timeout: .seconds(20))
    let f = try #require(faultOf(r))
    #expect(f.kind == .dns, "\(f)")
    #expect(f.message.contains("cannot resolve no-such-host.invalid"))
    #expect(watch.elapsedMs < 20_000)
  }

  @Test func refusedConnection() async throws {
    let t = try Self.transport(try #require(URL(string: "http://127.0.0.1:9")))
    let r = await t.send(HTTPRequest(method: "GET", target: "/ok"), timeout: .seconds(5))
    let f = try #require(faultOf(r))
    #expect(f.kind == .connectionRefused, "\(f)")
    #expect(f.message.contains("127.0.0.1:9 refused"))
  }

  @Test func tlsFailure() async throws {
    // TLS spoken to a plain-HTTP port fails the handshake.
    var parts = try #require(URLComponents(url: server.baseURL, resolvingAgainstBaseURL: false))
    parts.scheme = "https"
    let t = try Self.transport(try #require(parts.url))
    let r = await t.send(HTTPRequest(method: "GET", target: "/ok"), timeout: .seconds(5))
    let f = try #require(faultOf(r))
    #expect(f.kind == .tls, "\(f)")
    #expect(f.message.contains("TLS"))
  }

  @Test func resetAndCloseWithoutAnAnswer() async throws {
    for path in ["/reset", "/close"] {
      let (r, ms) = await get(path)
      let f = try #require(faultOf(r), "\(path)")
      #expect([.connectionReset, .badResponse].contains(f.kind), "\(path): \(f)")
      #expect(f.message.contains("127.0.0.1"), "\(f.message)")
      #expect(ms < 10_000, "long before the 15 s limit")
    }
  }

  @Test func aTruncatedBodyKeepsWhatArrived() async throws {
    let (r, _) = await get("/truncate")
    switch r {
    case .success(let reply):
      #expect(reply.response.status == 200)
      #expect(reply.bodyFault != nil, "the short body must be reported")
    case .failure(let f):
      #expect([.truncated, .connectionReset, .other].contains(f.kind), "\(f)")
    }
  }

  @Test func timeoutsAreEnforcedBelowASecond() async throws {
    let (r, ms) = await get("/slow", timeoutMs: 300)
    let f = try #require(faultOf(r))
    #expect(f.kind == .timeout)
    #expect(f.message == "no answer within 300 ms")
    // Well before the 10 s answer; the bounds are loose because the machine may be busy.
    #expect(ms >= 250 && ms < 5_000, "\(ms) ms")
    let (stalled, ms2) = await get("/stall-body", timeoutMs: 400)
    let reply = try #require(replyOf(stalled))
    #expect(reply.bodyFault?.kind == .timeout)
    #expect(reply.bodyFault?.message.contains("the body was not complete") == true)
    #expect(ms2 < 5_000)
  }

  @Test func garbageAndNonJSONBodies() async throws {
    let (g, _) = await get("/garbage")
    switch g {
    case .failure(let f):
      #expect(f.kind == .badResponse, "\(f)")
      #expect(f.message.contains("not HTTP"), "\(f)")
    case .success(let reply):
      // curl may read it as HTTP/0.9; either way, no crash.
      #expect(reply.response.status >= 0)
    }
    let (n, _) = await get("/nonjson")
    #expect(replyOf(n)?.response.headers["content-type"] == "text/html")
  }

  @Test func aTenMegabyteBody() async throws {
    let (r, _) = await get("/big", timeoutMs: 20_000)
    let reply = try #require(replyOf(r))
    #expect(reply.response.body.count > 10_000_000)
    // Timed chunks are kept for event streams only: a plain body is not held twice.
    #expect(reply.chunks.isEmpty)
    let small = try Self.transport(server.baseURL, maxBodyBytes: 1 << 20)
    let r2 = await small.send(HTTPRequest(method: "GET", target: "/big"), timeout: .seconds(20))
    #expect(self.replyOf(r2)?.bodyFault?.kind == .tooLarge, "\(r2)")
  }

  @Test func theConnectTimeoutIsItsOwnLimit() async throws {
    // A port whose accept queue is full: the connect hangs, as to a firewalled host.
    let peer = try await PythonPeer.start(script: "full_backlog.py")
    var c = LiveTransportConfiguration(baseURL: try #require(URL(string: peer.firstLine)))
    c.connectTimeoutMs = 300
    let watch = Stopwatch()
    let r = try await LiveTransport(c).send(
      HTTPRequest(method: "GET", target: "/ok"), timeout: .seconds(20))
    let f = try #require(faultOf(r))
    #expect(f.kind == .timeout, "\(f)")
    #expect(f.message.contains("could not connect to 127.0.0.1:"), "\(f.message)")
    #expect(f.message.contains("within 300 ms (--connect-timeout-ms)"), "\(f.message)")
    #expect(watch.elapsedMs < 10_000, "long before the 20 s request limit")
  }

  @Test func cancellationStopsTheRequest() async throws {
    let t = transport
    let task = Task {
      await t.send(HTTPRequest(method: "GET", target: "/slow"), timeout: .seconds(30))
    }
    try await Task.sleep(for: .milliseconds(200))
    task.cancel()
    let watch = Stopwatch()
    let r = await task.value
    #expect(watch.elapsedMs < 8_000, "long before the 10 s answer")
    #expect(faultOf(r)?.kind == .cancelled)
  }
}
