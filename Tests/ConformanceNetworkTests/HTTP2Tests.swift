import ConformanceCore
import Foundation
import TestSupport
import Testing

@testable import ConformanceNetwork

/// HTTP/2 against hypercorn (PyPI; `.ci/run` installs it into the venv named by ANYINT_TEST_PYTHON): negotiated
/// by ALPN over TLS by default, h2c with `--http2` over http://, HTTP/1.1 with `--http1.1`; the version used is
/// reported, and the header set is still exactly the request's.
@Suite(
  .serialized,
  .enabled(
    if: ProcessInfo.processInfo.environment["ANYINT_TEST_PYTHON"] != nil,
    "needs ANYINT_TEST_PYTHON with hypercorn (.ci/run sets it up)"))
struct HTTP2Tests {
  func send(
    _ peer: PythonPeer, _ version: LiveTransportConfiguration.HTTPVersion, caFile: String? = nil
  ) async throws -> (version: String?, json: JSONValue) {
    var c = LiveTransportConfiguration(baseURL: try #require(URL(string: peer.firstLine)))
    c.httpVersion = version
    c.caFile = caFile
    let r = try await LiveTransport(c).send(
      HTTPRequest(
        method: "POST", target: "/v1/chat/completions?x=1",
        headers: HTTPHeaders([
          ("user-agent", RequestBuilder.userAgent), ("content-type", "application/json"),
        ]),
        body: Array("{}".utf8)),
      timeout: .seconds(20))
    guard case .success(let reply) = r else {
      Issue.record("\(r)")
      throw CancellationError()
    }
    return (reply.httpVersion, try JSONParser.parse(reply.response.body))
  }

  @Test func tlsNegotiatesHTTP2ByDefault() async throws {
    let certs = try await TestCertificates.load()
    let peer = try await PythonPeer.start(
      script: "h2_server.py", arguments: ["--tls", certs.serverCertificate, certs.serverKey])
    let (version, json) = try await send(peer, .automatic, caFile: certs.caCertificate)
    #expect(version == "2")
    #expect(json["httpVersion"] == "2")
    #expect(json["path"] == "/v1/chat/completions?x=1")
    let names = Set(
      json["headers"]?.arrayValue?.compactMap { $0.arrayValue?.first?.stringValue } ?? [])
    #expect(names == ["host", "user-agent", "content-type", "content-length"], "\(names)")
    let (v11, json11) = try await send(peer, .http11, caFile: certs.caCertificate)
    #expect(v11 == "1.1")
    #expect(json11["httpVersion"] == "1.1")
  }

  @Test func plainHTTPIsHTTP11UnlessHTTP2IsAsked() async throws {
    let peer = try await PythonPeer.start(script: "h2_server.py")
    let (v, _) = try await send(peer, .automatic)
    #expect(v == "1.1")
    let (v2, json) = try await send(peer, .http2)
    #expect(v2 == "2")
    let names = Set(
      json["headers"]?.arrayValue?.compactMap { $0.arrayValue?.first?.stringValue } ?? [])
    #expect(
      !names.contains("upgrade") && !names.contains("http2-settings"), "h2c without an Upgrade")
  }
}
