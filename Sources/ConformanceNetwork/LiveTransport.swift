import ConformanceCore
import Foundation

/// Sends requests to a real gateway with libcurl, reporting the raw answer.
///
/// Exactly the request the scenario describes goes out (its headers, `host`, and `content-length` for a body;
/// none of libcurl's defaults), redirects are never followed (the 3xx is the answer), bodies go byte for byte,
/// time limits are libcurl's own, to the millisecond, and every fault becomes a `TransportFault` with a
/// one-line message. Every transport of the process shares one `CurlEngine` (one connection cache).
public final class LiveTransport: Transport, Sendable {
  public let configuration: LiveTransportConfiguration
  private let engine: CurlEngine

  /// A transport for a configuration; fails (before anything is sent) when libcurl cannot be loaded.
  public init(_ configuration: LiveTransportConfiguration) throws(LibcurlUnavailable) {
    self.configuration = configuration
    switch CurlEngine.shared {
    case .success(let engine): self.engine = engine
    case .failure(let error): throw error
    }
  }

  /// Whether libcurl can be loaded; the error is the one-line reason.
  public static func checkAvailable() -> Result<Void, LibcurlUnavailable> {
    CurlEngine.shared.map { _ in () }
  }

  public var baseURL: URL { configuration.baseURL }
  public var maxBodyBytes: Int { configuration.maxBodyBytes }

  public func send(_ request: HTTPRequest, timeout: Duration) async -> TransportResult {
    let limitMs = Int(min(timeout.milliseconds.rounded(.up), Double(Int32.max)))
    let transfer = CurlTransfer(request: request, configuration: configuration, limitMs: limitMs)
    let engine = self.engine
    return await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<TransportResult, Never>) in
        transfer.continuation = continuation
        engine.start(transfer)
      }
    } onCancel: {
      engine.cancel(transfer)
    }
  }
}
