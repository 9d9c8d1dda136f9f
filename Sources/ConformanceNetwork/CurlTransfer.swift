import CCurlShim
import ConformanceCore
import Foundation
import Synchronization

/// One request on one libcurl easy handle: sets the handle up from the request and the configuration, collects
/// the head and body as they arrive, and turns what happened into a `TransportResult`.
///
/// After `CurlEngine.start` only the engine's event thread touches it (libcurl calls the callbacks from inside
/// `curl_multi_perform`); `cancelled` is the one field other threads write.
final class CurlTransfer: @unchecked Sendable {
  let request: HTTPRequest
  let configuration: LiveTransportConfiguration
  let limitMs: Int
  let started = Stopwatch()
  var continuation: CheckedContinuation<TransportResult, Never>?
  let cancelled = Atomic<Bool>(false)

  var easy: UnsafeMutableRawPointer?
  private var headerList: UnsafeMutableRawPointer?
  private var bodyCopy: UnsafeMutableRawPointer?
  private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: 256)

  // What arrived (written by the callbacks in CurlTransfer+Arrival.swift).
  var status = 0
  var headers = HTTPHeaders()
  var headComplete = false
  var sawStatusLine = false
  var isEventStream = false
  var body: [UInt8] = []
  var chunks: [TransportReply.Chunk] = []
  var firstByteMs: Double?
  var overCap = false

  init(request: HTTPRequest, configuration: LiveTransportConfiguration, limitMs: Int) {
    self.request = request
    self.configuration = configuration
    self.limitMs = limitMs
    errorBuffer.initialize(repeating: 0, count: 256)
  }

  deinit {
    if let headerList { acs_slist_free_all(headerList) }
    bodyCopy?.deallocate()
    errorBuffer.deallocate()
  }

  var url: String {
    configuration.base
      + Self.wireTarget(PathRewrite.apply(configuration.rewrites, to: request.target))
  }

  /// The target as it can go on the request line: bytes a URL cannot hold (spaces, controls, non-ASCII, `"`, `<`,
  /// `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`) percent-encoded, as a browser or Foundation's URL does, so that a
  /// variable holding such a value is sent rather than refused; every other byte, `%` escapes included, as given.
  static func wireTarget(_ target: String) -> String {
    let unsafe: Set<UInt8> = Set(Array(" \"<>\\^`{|}".utf8))
    guard target.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F || unsafe.contains($0) }) else {
      return target
    }
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(target.utf8.count + 16)
    for b in target.utf8 {
      if b <= 0x20 || b >= 0x7F || unsafe.contains(b) {
        out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
      } else {
        out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Sets the handle up; a request that cannot be put on the wire as given is a fault before anything is sent.
  func configure(_ easy: UnsafeMutableRawPointer) -> TransportFault? {
    self.easy = easy
    for field in request.headers.fields
    where field.name.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 || $0 == 58 })
      || field.value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 })
    {
      return TransportFault(
        .invalidRequest,
        "the header '\(escaped(field.name))' holds a line break, NUL or ':' where none can go; it cannot be sent as given"
      )
    }
    let context = Unmanaged.passUnretained(self).toOpaque()
    setLong(CurlOption.noSignal, 1)
    setLong(CurlOption.noProgress, 1)
    setLong(CurlOption.followLocation, 0)
    setLong(CurlOption.pathAsIs, 1)
    setLong(CurlOption.suppressConnectHeaders, 1)
    setLong(CurlOption.http09Allowed, 0)
    acs_setopt_pointer(easy, CurlOption.errorBuffer, errorBuffer)
    acs_setopt_data_fn(easy, CurlOption.writeFunction, curlBodyCallback)
    acs_setopt_pointer(easy, CurlOption.writeData, context)
    acs_setopt_data_fn(easy, CurlOption.headerFunction, curlHeaderCallback)
    acs_setopt_pointer(easy, CurlOption.headerData, context)
    setLong(CurlOption.timeoutMs, max(1, limitMs))
    if let ms = configuration.connectTimeoutMs { setLong(CurlOption.connectTimeoutMs, max(1, ms)) }
    if setString(CurlOption.url, url) != CurlCode.ok {
      return TransportFault(
        .invalidURL, "cannot form a URL from \(configuration.base) and \(escaped(request.target))")
    }
    configureVersion()
    configureMethodAndHeaders()
    configureTLS()
    // The harness decides the proxy itself (HTTP_PROXY in either case, --noproxy): libcurl's own reading of
    // the environment is turned off by always setting both.
    setString(CurlOption.proxy, configuration.proxy?.url ?? "")
    setString(CurlOption.noProxy, "")
    return nil
  }

  private func configureVersion() {
    let isTLS = configuration.baseURL.scheme?.lowercased() == "https"
    switch configuration.httpVersion {
    case .automatic: setLong(CurlOption.httpVersion, CurlHTTPVersion.v2TLS)
    case .http11: setLong(CurlOption.httpVersion, CurlHTTPVersion.v11)
    case .http2:
      // Over plain http:// an Upgrade would add Connection/Upgrade/HTTP2-Settings headers: speak h2 directly.
      setLong(CurlOption.httpVersion, isTLS ? CurlHTTPVersion.v2 : CurlHTTPVersion.v2PriorKnowledge)
    }
  }

  /// Exactly the request's method, headers and body; libcurl's own defaults (`Accept: */*`, `Expect:
  /// 100-continue`, a form content type) are removed unless the request sets them.
  private func configureMethodAndHeaders() {
    let method = request.method
    let sendsBody = !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(method)
    if method == "HEAD" {
      setLong(CurlOption.noBody, 1)
    } else if sendsBody {
      let count = request.body.count
      let copy = UnsafeMutableRawPointer.allocate(byteCount: max(1, count), alignment: 1)
      request.body.withUnsafeBytes { bytes in
        if let from = bytes.baseAddress, count > 0 { copy.copyMemory(from: from, byteCount: count) }
      }
      bodyCopy = copy
      setLong(CurlOption.post, 1)
      acs_setopt_offset(easy, CurlOption.postFieldSizeLarge, Int64(count))
      acs_setopt_pointer(easy, CurlOption.postFields, copy)
      if method != "POST" { setString(CurlOption.customRequest, method) }
    } else if method == "GET" {
      setLong(CurlOption.httpGet, 1)
    } else {
      setString(CurlOption.customRequest, method)
    }
    var list: UnsafeMutableRawPointer?
    func add(_ line: String) { list = acs_slist_append(list, line) }
    for field in request.headers.fields {
      // "Name;" is libcurl's way of sending a header with an empty value ("Name:" would remove it).
      add(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
    }
    if !request.headers.contains("accept") { add("Accept:") }
    if !request.headers.contains("expect") { add("Expect:") }
    if sendsBody && !request.headers.contains("content-type") { add("Content-Type:") }
    if configuration.proxy != nil && !request.headers.contains("proxy-connection") {
      add("Proxy-Connection:")
    }
    headerList = list
    acs_setopt_pointer(easy, CurlOption.httpHeader, list)
    // A compressed answer is decoded only when the scenario asked for one with its own Accept-Encoding (the
    // header goes out as the scenario wrote it; libcurl does not add another).
    if let asked = request.headers["accept-encoding"], !asked.isEmpty {
      setString(CurlOption.acceptEncoding, asked)
    }
  }

  private func configureTLS() {
    if let ca = configuration.caFile {
      setString(CurlOption.caInfo, ca)
      setString(CurlOption.proxyCAInfo, ca)
    }
    if configuration.insecure {
      for option in [
        CurlOption.sslVerifyPeer, CurlOption.sslVerifyHost, CurlOption.proxySSLVerifyPeer,
        CurlOption.proxySSLVerifyHost,
      ] {
        setLong(option, 0)
      }
    }
    if let cert = configuration.clientCertificate { setString(CurlOption.sslCert, cert) }
    if let key = configuration.clientKey { setString(CurlOption.sslKey, key) }
  }

  @discardableResult private func setLong(_ option: Int32, _ value: Int) -> Int32 {
    acs_setopt_long(easy, option, value)
  }

  @discardableResult private func setString(_ option: Int32, _ value: String) -> Int32 {
    acs_setopt_pointer(easy, option, value)
  }

  // MARK: - Completion

  /// What the exchange came to, from libcurl's result code and what arrived.
  func result(code: Int32) -> TransportResult {
    if cancelled.load(ordering: .relaxed) {
      return .failure(TransportFault(.cancelled, "the request was cancelled"))
    }
    let total = started.elapsedMs
    let detail = errorText(code)
    let faults = CurlFaults(
      configuration: configuration, limitMs: limitMs, hostPort: configuration.hostPort)
    if code == CurlCode.ok && !headComplete {
      return .failure(faults.unfinishedHead(sawStatusLine: sawStatusLine))
    }
    guard headComplete else {
      return .failure(
        faults.fault(
          code: code, detail: detail, hadHead: false, connectCode: connectCode, osErrno: osErrno,
          handshakeDone: timings().tlsMs > 0))
    }
    var reply = TransportReply(
      response: HTTPResponse(status: status, headers: headers, body: body),
      firstByteMs: firstByteMs ?? total, totalMs: total, chunks: chunks)
    reply.httpVersion = httpVersion
    reply.timings = timings()
    if overCap {
      reply.bodyFault = faults.tooLarge()
    } else if code != CurlCode.ok {
      reply.bodyFault = faults.fault(
        code: code, detail: detail, hadHead: true, connectCode: connectCode, bodyBytes: body.count)
    }
    if let proxy = configuration.proxy, configuration.baseURL.scheme?.lowercased() == "http" {
      reply.findings.append(
        Note(
          .proxyInPath,
          "this plain-http answer came through the proxy \(proxy.display) (from \(proxy.source)): a 403, 407 or error page may be the proxy's own, not the gateway's"
        ))
    }
    return .success(reply)
  }

  private var connectCode: Int {
    var code = 0
    acs_getinfo_long(easy, CurlInfo.httpConnectCode, &code)
    return code
  }

  private var osErrno: Int {
    var n = 0
    acs_getinfo_long(easy, CurlInfo.osErrno, &n)
    return n
  }

  private var httpVersion: String? {
    var v = 0
    acs_getinfo_long(easy, CurlInfo.httpVersion, &v)
    switch v {
    case CurlHTTPVersion.v10: return "1.0"
    case CurlHTTPVersion.v11: return "1.1"
    case CurlHTTPVersion.v2: return "2"
    case CurlHTTPVersion.v3: return "3"
    default: return nil
    }
  }

  private func timings() -> WireTimings {
    func ms(_ info: Int32) -> Double {
      var us: Int64 = 0
      acs_getinfo_offset(easy, info, &us)
      return Double(us) / 1000
    }
    return WireTimings(
      dnsMs: ms(CurlInfo.nameLookupTime), connectMs: ms(CurlInfo.connectTime),
      tlsMs: ms(CurlInfo.appConnectTime), firstByteMs: ms(CurlInfo.startTransferTime),
      totalMs: ms(CurlInfo.totalTime))
  }

  /// libcurl's own words for the failure: its error buffer, else the code's description.
  private func errorText(_ code: Int32) -> String {
    let buffered = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
    let text = buffered.isEmpty ? Curl.describe(code) : buffered
    return configuration.proxy?.scrub(text) ?? text
  }
}

/// A value for a one-line message: control characters escaped so no input can start a line.
func escaped(_ s: String) -> String {
  var out = ""
  for u in s.unicodeScalars {
    switch u {
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if u.value < 0x20 || u.value == 0x7F {
        out +=
          "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count)
          + String(u.value, radix: 16)
      } else {
        out.unicodeScalars.append(u)
      }
    }
  }
  return out
}
