import Foundation

/// A private CA made for the test run with the `openssl` command (Debian's `openssl` package; `.ci/run`
/// installs it): a server certificate for 127.0.0.1 and localhost, and a client certificate, both signed by it.
/// Made once per test process, in a temporary directory.
public struct TestCertificates: Sendable {
  public let directory: String
  public var caCertificate: String { directory + "/ca.pem" }
  public var serverCertificate: String { directory + "/server.pem" }
  public var serverKey: String { directory + "/server.key" }
  public var clientCertificate: String { directory + "/client.pem" }
  public var clientKey: String { directory + "/client.key" }
  /// Signed by the CA, but for another host name only: verification must fail on the name.
  public var wrongHostCertificate: String { directory + "/wrong-host.pem" }
  public var wrongHostKey: String { directory + "/wrong-host.key" }
  /// A second CA that signed nothing the servers use: trusting it alone must fail verification.
  public var otherCA: String { directory + "/other-ca.pem" }

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Made once per process, on first use; every caller awaits the same work.
  static let shared = Task<TestCertificates, Error> { try await make() }

  /// The certificates (openssl runs several times the first time; nothing blocks the cooperative pool).
  public static func load() async throws -> TestCertificates {
    try await shared.value
  }

  static func make() async throws -> TestCertificates {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("anyint-certs-\(getpid())-\(UUID().uuidString.prefix(8))").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    func ca(_ name: String, _ cn: String) async throws {
      try await openssl(
        ["req", "-x509"] + key + [
          "-keyout", "\(dir)/\(name).key", "-out", "\(dir)/\(name).pem", "-days", "3",
          "-subj", "/CN=\(cn)", "-addext", "basicConstraints=critical,CA:TRUE",
          "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
    }
    func leaf(_ name: String, _ cn: String, _ extensions: String) async throws {
      try await openssl(
        ["req"] + key + [
          "-keyout", "\(dir)/\(name).key", "-out", "\(dir)/\(name).csr", "-subj", "/CN=\(cn)",
        ])
      try extensions.write(toFile: "\(dir)/\(name).ext", atomically: true, encoding: .utf8)
      try await openssl([
        "x509", "-req", "-in", "\(dir)/\(name).csr", "-CA", "\(dir)/ca.pem", "-CAkey",
        "\(dir)/ca.key",
        "-CAcreateserial", "-out", "\(dir)/\(name).pem", "-days", "3", "-extfile",
        "\(dir)/\(name).ext",
      ])
    }
    try await ca("ca", "anyint-conformance test CA")
    try await ca("other-ca", "an unrelated CA")
    try await leaf(
      "server", "localhost",
      "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
    )
    try await leaf(
      "wrong-host", "wrong.example",
      "basicConstraints=CA:FALSE\nsubjectAltName=DNS:wrong.example\nextendedKeyUsage=serverAuth\n")
    try await leaf(
      "client", "conformance client", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n")
    return TestCertificates(directory: dir)
  }

  static func openssl(_ arguments: [String]) async throws {
    let out = try await ChildProcess.run(["/usr/bin/env", "openssl"] + arguments)
    guard out.status == 0 else {
      throw Failure(
        description:
          "openssl \(arguments.prefix(2).joined(separator: " ")) failed: \(String(decoding: out.stderr, as: UTF8.self))"
      )
    }
  }
}
