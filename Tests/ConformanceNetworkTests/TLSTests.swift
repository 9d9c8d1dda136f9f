import ConformanceCore
import Foundation
import TestSupport
import Testing

@testable import ConformanceNetwork

/// HTTPS with a CA made for the test: trusted with `--cacert`, refused without it (with a message that says
/// what to do), accepted with `--insecure`; client certificates presented with `--cert`/`--key`.
@Suite(.serialized) struct TLSTests {
  let certificates: TestCertificates

  init() async throws {
    certificates = try await TestCertificates.load()
  }

  func send(_ server: FaultServer, _ adjust: (inout LiveTransportConfiguration) -> Void)
    async throws
    -> TransportResult
  {
    var c = LiveTransportConfiguration(baseURL: server.baseURL)
    adjust(&c)
    return try await LiveTransport(c).send(
      HTTPRequest(method: "GET", target: "/ok"), timeout: .seconds(20))
  }

  func server(clientCA: Bool = false) async throws -> FaultServer {
    try await FaultServer.start(
      tls: (
        certificates.serverCertificate, certificates.serverKey,
        clientCA ? certificates.caCertificate : nil
      ))
  }

  @Test func aPrivateCAIsTrustedWithCacert() async throws {
    let s = try await server()
    let r = try await send(s) { $0.caFile = certificates.caCertificate }
    guard case .success(let reply) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(reply.response.status == 200)
    #expect(try #require(reply.timings).tlsMs > 0, "a TLS handshake took place")
  }

  @Test func withoutTheCAItIsRefusedWithAFix() async throws {
    let s = try await server()
    for ca in [nil, certificates.otherCA] {
      let r = try await send(s) { $0.caFile = ca }
      guard case .failure(let f) = r else {
        Issue.record("an untrusted certificate must be refused: \(r)")
        continue
      }
      #expect(f.kind == .tls, "\(f)")
      #expect(f.message.contains("not trusted"), "\(f.message)")
      #expect(f.message.contains("--cacert"), "\(f.message)")
    }
  }

  @Test func insecureSkipsVerification() async throws {
    let s = try await server()
    let r = try await send(s) { $0.insecure = true }
    guard case .success(let reply) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(reply.response.status == 200)
  }

  @Test func aWrongHostNameIsRefused() async throws {
    // Signed by the trusted CA, but for wrong.example, not 127.0.0.1.
    let s = try await FaultServer.start(
      tls: (certificates.wrongHostCertificate, certificates.wrongHostKey, nil))
    let r = try await send(s) { $0.caFile = certificates.caCertificate }
    guard case .failure(let f) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(f.kind == .tls, "\(f)")
  }

  @Test func clientCertificates() async throws {
    let s = try await server(clientCA: true)
    let with = try await send(s) {
      $0.caFile = certificates.caCertificate
      $0.clientCertificate = certificates.clientCertificate
      $0.clientKey = certificates.clientKey
    }
    guard case .success(let reply) = with else {
      Issue.record("with the client certificate: \(with)")
      return
    }
    #expect(reply.response.status == 200)
    let without = try await send(s) { $0.caFile = certificates.caCertificate }
    guard case .failure(let f) = without else {
      Issue.record("without the client certificate the server must refuse: \(without)")
      return
    }
    #expect(f.kind == .tls, "\(f)")
    #expect(f.message.contains("--cert"), "\(f.message)")
  }

  @Test func anUnreadableCABundleSaysSo() async throws {
    let s = try await server()
    let bogus = certificates.directory + "/server.csr"  // exists, but holds no CA certificate
    let r = try await send(s) { $0.caFile = bogus }
    guard case .failure(let f) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(f.kind == .tls, "\(f)")
  }
}
