import ConformanceCore
import Foundation
import TestSupport
import Testing

@testable import ConformanceNetwork

/// A logging proxy in the path: traffic goes through it (CONNECT for https://, absolute-form for http://),
/// it is named when it is dead or refuses, and its credentials never reach a message.
@Suite(.serialized) struct ProxyTests {
  let directory: URL

  init() async throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "anyint-proxy-\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  struct Proxy {
    let peer: PythonPeer
    let url: String
    let log: URL
    /// The requests the proxy received: (method, target).
    var requests: [(method: String, target: String, headers: [[String]])] {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      return text.split(separator: "\n").compactMap { line in
        guard let v = try? JSONParser.parse(Array(line.utf8)) else { return nil }
        return (
          v["method"]?.stringValue ?? "", v["target"]?.stringValue ?? "",
          v["headers"]?.arrayValue?.compactMap { $0.arrayValue?.compactMap(\.stringValue) } ?? []
        )
      }
    }
  }

  func proxy(_ arguments: [String] = []) async throws -> Proxy {
    let log = directory.appendingPathComponent("proxy-\(UUID().uuidString.prefix(6)).jsonl")
    let peer = try await PythonPeer.start(
      script: "connect_proxy.py", arguments: ["--log", log.path] + arguments)
    return Proxy(peer: peer, url: peer.firstLine, log: log)
  }

  func send(
    _ base: URL, proxy: String, source: String = "--proxy",
    adjust: (inout LiveTransportConfiguration) -> Void = { _ in }
  )
    async throws -> TransportResult
  {
    var c = LiveTransportConfiguration(baseURL: base)
    c.proxy = try ProxySetting.resolve(option: proxy, noProxy: nil, environment: [:], target: base)
      .get()
    adjust(&c)
    return try await LiveTransport(c).send(
      HTTPRequest(
        method: "GET", target: "/ok", headers: HTTPHeaders([("authorization", "Bearer sk-x")])),
      timeout: .seconds(20))
  }

  @Test func plainHTTPGoesThroughTheProxyWithANote() async throws {
    let server = try await FaultServer.start()
    let p = try await proxy()
    let r = try await send(server.baseURL, proxy: p.url)
    guard case .success(let reply) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(reply.response.status == 200)
    #expect(p.requests.map(\.method) == ["GET"])
    #expect(p.requests.first?.target == server.baseURL.absoluteString + "/ok")
    let names = Set(p.requests.first?.headers.map { $0[0].lowercased() } ?? [])
    #expect(
      names == ["host", "authorization"],
      "exactly the request, nothing added for the proxy: \(names)")
    #expect(reply.findings.map(\.id) == [.proxyInPath])
    #expect(reply.findings.first?.message.contains(p.url) == true)
  }

  @Test func httpsTunnelsThroughConnect() async throws {
    let certs = try await TestCertificates.load()
    let server = try await FaultServer.start(tls: (certs.serverCertificate, certs.serverKey, nil))
    let p = try await proxy()
    let r = try await send(server.baseURL, proxy: p.url) { $0.caFile = certs.caCertificate }
    guard case .success(let reply) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(reply.response.status == 200)
    let port = try #require(server.baseURL.port)
    #expect(p.requests.map(\.method) == ["CONNECT"])
    #expect(p.requests.first?.target == "127.0.0.1:\(port)")
    let connectHeaders = p.requests.first?.headers.map { $0[0].lowercased() } ?? []
    #expect(!connectHeaders.contains("authorization"), "the key goes inside the tunnel only")
    #expect(reply.findings.isEmpty, "the tunnel is end to end: the answer is the gateway's")
  }

  @Test func aRefusedConnectIsAProxyFault() async throws {
    let certs = try await TestCertificates.load()
    let server = try await FaultServer.start(tls: (certs.serverCertificate, certs.serverKey, nil))
    let p = try await proxy(["--refuse-connect", "403"])
    let r = try await send(server.baseURL, proxy: p.url) { $0.caFile = certs.caCertificate }
    guard case .failure(let f) = r else {
      Issue.record("a refused CONNECT is no answer from the gateway: \(r)")
      return
    }
    #expect(f.kind == .proxy, "\(f)")
    #expect(f.message.contains("refused the CONNECT tunnel"), "\(f.message)")
    #expect(f.message.contains("403"))
    #expect(f.message.contains(p.url))
  }

  @Test func aDeadProxyIsNamedNotTheGateway() async throws {
    let server = try await FaultServer.start()
    let r = try await send(server.baseURL, proxy: "http://127.0.0.1:9")
    guard case .failure(let f) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(f.kind == .proxy, "\(f)")
    #expect(f.message.contains("the proxy http://127.0.0.1:9 (from --proxy)"), "\(f.message)")
    #expect(!f.message.contains("is the gateway up"))
    let unresolvable = try await send(server.baseURL, proxy: "http://no-such-proxy.invalid:3128")
    guard case .failure(let g) = unresolvable else {
      Issue.record("\(unresolvable)")
      return
    }
    #expect(g.kind == .proxy, "\(g)")
    #expect(g.message.contains("no-such-proxy.invalid"))
  }

  @Test func proxyCredentialsWorkAndAreNeverShown() async throws {
    let certs = try await TestCertificates.load()
    let server = try await FaultServer.start(tls: (certs.serverCertificate, certs.serverKey, nil))
    let p = try await proxy(["--require-auth", "proxyuser:s3cret-proxy-pass"])
    let withCredentials = p.url.replacingOccurrences(
      of: "http://", with: "http://proxyuser:s3cret-proxy-pass@")
    let setting = try #require(
      try ProxySetting.resolve(
        option: withCredentials, noProxy: nil, environment: [:], target: server.baseURL
      )
      .get())
    #expect(setting.display == p.url)
    #expect(!setting.display.contains("s3cret"))
    let r = try await send(server.baseURL, proxy: withCredentials) {
      $0.caFile = certs.caCertificate
    }
    guard case .success(let reply) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(reply.response.status == 200)
    // Another proxy process: libcurl would reuse the tunnel already open through the first.
    let q = try await proxy(["--require-auth", "proxyuser:s3cret-proxy-pass"])
    let wrong = q.url.replacingOccurrences(of: "http://", with: "http://proxyuser:wrong-pass-123@")
    let refused = try await send(server.baseURL, proxy: wrong) { $0.caFile = certs.caCertificate }
    guard case .failure(let f) = refused else {
      Issue.record("\(refused)")
      return
    }
    #expect(f.kind == .proxy)
    #expect(f.message.contains("407"), "\(f.message)")
    #expect(!f.message.contains("wrong-pass-123"))
  }
}
