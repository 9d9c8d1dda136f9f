import ConformanceCore
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Sends requests to a real gateway with URLSession, reporting the raw answer.
///
/// Redirects are refused (the 3xx is the answer), bodies go byte for byte, every fault becomes a
/// `TransportFault` with a one-line message, and the time limit is enforced here to the millisecond because
/// URLSession on Linux truncates `timeoutInterval` to whole seconds. One session (one connection pool) serves
/// every scenario; nothing else is shared between requests.
public final class LiveTransport: Transport, Sendable {
  public let baseURL: URL
  public let maxBodyBytes: Int
  private let session: URLSession
  private let delegate: SessionDelegate

  public init(baseURL: URL, maxConnections: Int = 64, maxBodyBytes: Int = 64 << 20) {
    self.baseURL = baseURL
    self.maxBodyBytes = maxBodyBytes
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = max(1, maxConnections)
    configuration.httpCookieAcceptPolicy = .never
    configuration.httpShouldSetCookies = false
    configuration.urlCache = nil
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    delegate = SessionDelegate(maxBodyBytes: maxBodyBytes)
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = 1
    session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
  }

  deinit {
    session.invalidateAndCancel()
  }

  /// The URL a request target goes to: the base URL (with any path prefix) followed by the target.
  public func url(for target: String) -> URL? {
    var base = baseURL.absoluteString
    while base.hasSuffix("/") { base.removeLast() }
    return URL(string: base + target)
  }

  public func send(_ request: HTTPRequest, timeout: Duration) async -> TransportResult {
    guard let url = url(for: request.target) else {
      return .failure(
        TransportFault(
          .invalidURL, "cannot form a URL from \(baseURL.absoluteString) and \(request.target)"))
    }
    var urlRequest = URLRequest(url: url)
    urlRequest.httpMethod = request.method
    // A whole-second backstop above the real limit, which the watchdog below enforces precisely.
    urlRequest.timeoutInterval = (timeout.milliseconds / 1000).rounded(.up) + 1
    for field in request.headers.fields {
      urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
    }
    if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }

    let task = session.dataTask(with: urlRequest)
    let limitMs = timeout.milliseconds
    return await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<TransportResult, Never>) in
        delegate.register(task, url: url, continuation: continuation)
        task.resume()
        let delegate = self.delegate
        DispatchQueue.global().asyncAfter(
          deadline: .now() + .milliseconds(Int(limitMs.rounded(.up)))
        ) { [weak task] in
          if let task { delegate.expire(task, afterMs: limitMs) }
        }
      }
    } onCancel: {
      task.cancel()
    }
  }
}

/// Per-request state, keyed by task, completed exactly once.
final class SessionDelegate: NSObject, URLSessionDataDelegate, Sendable {
  struct Pending {
    var url: URL
    var continuation: CheckedContinuation<TransportResult, Never>
    var started: Stopwatch
    var response: HTTPURLResponse?
    var firstByteMs: Double?
    var body: [UInt8] = []
    var chunks: [TransportReply.Chunk] = []
    var forcedFault: TransportFault?
  }

  private let maxBodyBytes: Int
  private let pending = Mutex<[Int: Pending]>([:])

  init(maxBodyBytes: Int) {
    self.maxBodyBytes = maxBodyBytes
  }

  func register(
    _ task: URLSessionTask, url: URL, continuation: CheckedContinuation<TransportResult, Never>
  ) {
    pending.withLock {
      $0[task.taskIdentifier] = Pending(url: url, continuation: continuation, started: Stopwatch())
    }
  }

  /// Cancels a task that is still running at its deadline, recording why.
  func expire(_ task: URLSessionTask, afterMs limit: Double) {
    let stillRunning = pending.withLock { state -> Bool in
      guard state[task.taskIdentifier] != nil else { return false }
      let got = state[task.taskIdentifier]?.response != nil
      state[task.taskIdentifier]?.forcedFault = TransportFault(
        .timeout,
        got
          ? "the answer did not finish within \(Int(limit)) ms (headers arrived, the body stalled)"
          : "no answer within \(Int(limit)) ms")
      return true
    }
    if stillRunning { task.cancel() }
  }

  // Redirects are never followed: completing with nil delivers the 3xx itself.
  func urlSession(
    _ session: URLSession, task: URLSessionTask,
    willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
    completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
  ) {
    pending.withLock { state in
      guard var p = state[dataTask.taskIdentifier] else { return }
      p.response = response as? HTTPURLResponse
      state[dataTask.taskIdentifier] = p
    }
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    let tooLarge = pending.withLock { state -> Bool in
      guard var p = state[dataTask.taskIdentifier] else { return false }
      let at = p.started.elapsedMs
      if p.firstByteMs == nil { p.firstByteMs = at }
      let bytes = [UInt8](data)
      p.body.append(contentsOf: bytes)
      p.chunks.append(TransportReply.Chunk(atMs: at, bytes: bytes))
      let over = p.body.count > maxBodyBytes
      if over {
        p.forcedFault = TransportFault(
          .tooLarge, "the body passed \(maxBodyBytes >> 20) MiB; the harness stopped reading it")
      }
      state[dataTask.taskIdentifier] = p
      return over
    }
    if tooLarge { dataTask.cancel() }
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
    guard let p = pending.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
    p.continuation.resume(returning: Self.result(p, error: error))
  }

  static func result(_ p: Pending, error: Error?) -> TransportResult {
    let total = p.started.elapsedMs
    guard let http = p.response else {
      if let forced = p.forcedFault { return .failure(forced) }
      return .failure(fault(for: error, url: p.url, hadResponse: false))
    }
    var headers = HTTPHeaders()
    for (name, value) in http.allHeaderFields {
      if let n = name as? String, let v = value as? String { headers.add(n.lowercased(), v) }
    }
    headers = HTTPHeaders(headers.fields.sorted { $0.name < $1.name })
    var reply = TransportReply(
      response: HTTPResponse(status: http.statusCode, headers: headers, body: p.body),
      firstByteMs: p.firstByteMs ?? total, totalMs: total,
      chunks: p.chunks)
    if let forced = p.forcedFault {
      reply.bodyFault = forced
    } else if error != nil {
      reply.bodyFault = fault(for: error, url: p.url, hadResponse: true)
    }
    return .success(reply)
  }

  /// A one-line, actionable message for a URLSession error.
  static func fault(for error: Error?, url: URL, hadResponse: Bool) -> TransportFault {
    let host = url.host ?? "the host"
    let hostPort = url.port.map { "\(host):\($0)" } ?? host
    guard let error = error as? URLError else {
      return TransportFault(
        .other, "the request failed: \(error.map { "\($0)" } ?? "no answer and no error")")
    }
    switch error.code {
    case .cannotFindHost, .dnsLookupFailed:
      return TransportFault(
        .dns, "cannot resolve \(host) (DNS); check --base-url / ANYINT_BASE_URL and your network")
    case .cannotConnectToHost:
      return TransportFault(
        .connectionRefused,
        "connection to \(hostPort) refused; is the gateway up and the port right?")
    case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
      .serverCertificateNotYetValid,
      .serverCertificateHasUnknownRoot, .clientCertificateRejected, .clientCertificateRequired:
      return TransportFault(
        .tls,
        "TLS with \(hostPort) failed (\(error.localizedDescription)); check the certificate and that the URL's scheme matches the port"
      )
    case .timedOut:
      return TransportFault(.timeout, "no answer from \(hostPort) in time")
    case .networkConnectionLost:
      return hadResponse
        ? TransportFault(
          .truncated, "\(hostPort) closed the connection before the body was complete")
        : TransportFault(
          .connectionReset, "\(hostPort) closed or reset the connection without answering")
    case .badServerResponse:
      return TransportFault(
        .badResponse,
        "\(hostPort) closed the connection without a valid HTTP answer (empty or malformed status line)"
      )
    case .cancelled:
      return TransportFault(.cancelled, "the request was cancelled")
    case .dataLengthExceedsMaximum:
      return TransportFault(.tooLarge, "the answer from \(hostPort) is too large")
    case .notConnectedToInternet:
      return TransportFault(.connectionRefused, "no network route to \(hostPort)")
    default:
      // libcurl-backed URLSession reports many TLS problems as an unknown error with OpenSSL's text.
      let text = error.localizedDescription
      if text.contains("HTTP/0.9") {
        return TransportFault(
          .badResponse,
          "\(hostPort) answered with bytes that are not HTTP (no status line); is this the gateway's HTTP port?"
        )
      }
      if ["SSL", "TLS", "certificate"].contains(where: { text.localizedCaseInsensitiveContains($0) }
      ) {
        return TransportFault(
          .tls,
          "TLS with \(hostPort) failed (\(text)); check the certificate and that the URL's scheme matches the port"
        )
      }
      return TransportFault(
        .other, "the request to \(hostPort) failed: \(text) (URLError \(error.code.rawValue))")
    }
  }
}
