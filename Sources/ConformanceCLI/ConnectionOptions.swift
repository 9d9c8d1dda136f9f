import ConformanceCore
import ConformanceNetwork
import Foundation

/// Turns the connection options of `LiveOptions` into the live transport's configuration, checking files and the
/// proxy setting before anything is sent.
enum ConnectionOptions {
  static func configuration(
    _ options: LiveOptions, baseURL: URL, environment: [String: String]
  ) throws(UsageError) -> LiveTransportConfiguration {
    var c = LiveTransportConfiguration(baseURL: baseURL)
    c.caFile = try readableFile(options.caFile, LiveOptions.cacert.name)
    c.insecure = options.insecure
    c.clientCertificate = try readableFile(options.clientCertificate, LiveOptions.cert.name)
    c.clientKey = try readableFile(options.clientKey, LiveOptions.key.name)
    if c.clientKey != nil && c.clientCertificate == nil {
      throw UsageError(
        .conflictingOptions, option: LiveOptions.key.name,
        "--key names the client certificate's key; give the certificate with --cert FILE too")
    }
    switch ProxySetting.resolve(
      option: options.proxy, noProxy: options.noProxy, environment: environment, target: baseURL)
    {
    case .success(let proxy): c.proxy = proxy
    case .failure(let error):
      throw UsageError(.invalidValue, option: LiveOptions.proxy.name, error.message)
    }
    c.connectTimeoutMs = options.connectTimeoutMs
    c.httpVersion = options.httpVersion
    c.rewrites = options.rewrites
    c.maxBodyBytes = options.maxBodyBytes
    return c
  }

  /// What report.json's `target` records about the connection.
  static func info(_ c: LiveTransportConfiguration) -> ConnectionInfo {
    ConnectionInfo(
      proxy: c.proxy?.display, insecure: c.insecure,
      rewrites: c.rewrites.map { .init(from: $0.from, to: $0.to) })
  }

  static func readableFile(_ path: String?, _ option: String) throws(UsageError) -> String? {
    guard let path else { return nil }
    var isDirectory: ObjCBool = false
    guard !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    else {
      throw UsageError(.unusableFile, option: option, "\(option) '\(path)': no such file")
    }
    guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
      throw UsageError(
        .unusableFile, option: option,
        "\(option) '\(path)' is not a readable file (a PEM file is expected)")
    }
    return path
  }
}
