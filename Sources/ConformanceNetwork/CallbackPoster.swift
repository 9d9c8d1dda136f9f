import ConformanceCore
import Foundation

/// Posts a callback body to a URL, as a gateway delivers webhooks; failures are dropped (a lost callback is
/// exactly what a webhook step must notice on its own).
public enum CallbackPoster {
  public static func post(
    _ url: String, body: JSONValue, headers: HTTPHeaders = HTTPHeaders(), timeoutMs: Int = 10_000
  ) async {
    guard let parsed = URL(string: url), let scheme = parsed.scheme, let host = parsed.host else {
      return
    }
    var base = "\(scheme)://\(host)"
    if let port = parsed.port { base += ":\(port)" }
    guard let baseURL = URL(string: base) else { return }
    var target = parsed.path.isEmpty ? "/" : parsed.path
    if let q = parsed.query { target += "?" + q }
    var h = HTTPHeaders()
    if !headers.contains("user-agent") { h.add("user-agent", RequestBuilder.userAgent) }
    for field in headers.fields { h.add(field.name, field.value) }
    if !h.contains("content-type") { h.add("content-type", "application/json") }
    var configuration = LiveTransportConfiguration(baseURL: baseURL)
    configuration.maxBodyBytes = 1 << 20
    guard let transport = try? LiveTransport(configuration) else { return }
    _ = await transport.send(
      HTTPRequest(method: "POST", target: target, headers: h, body: JSONWriter.bytes(body)),
      timeout: .milliseconds(timeoutMs))
  }
}
