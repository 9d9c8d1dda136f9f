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

  // What arrived.
  private var status = 0
  private var headers = HTTPHeaders()
  private var headComplete = false
  private var sawStatusLine = false
  private var isEventStream = false
  private var body: [UInt8] = []
  private var chunks: [TransportReply.Chunk] = []
  private var firstByteMs: Double?
  private var overCap = false

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
    configuration.base + PathRewrite.apply(configuration.rewrites, to: request.target)
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

  // MARK: - Arrival (event thread, inside curl_multi_perform)

  /// One header line (status line, field, or the blank line that ends the head).
  func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
    if cancelled.load(ordering: .relaxed) { return 0 }
    // Byte-level: this runs for every header line of every answer.
    var end = bytes.count
    while end > 0 && (bytes[end - 1] == 10 || bytes[end - 1] == 13) { end -= 1 }
    let line = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
    if line.starts(with: "HTTP/".utf8) {
      // A new head (after a 1xx, or the CONNECT answer): only the last one is the answer.
      headers = HTTPHeaders()
      headComplete = false
      sawStatusLine = true
      status = Self.statusCode(line)
    } else if headComplete {
      // Trailers after a chunked body, and their blank line: not part of the answer's head.
    } else if end == 0 {
      headComplete = sawStatusLine
      if headComplete { headArrived() }
    } else if line[0] == 32 || line[0] == 9, !headers.fields.isEmpty {
      // An obsolete folded continuation line belongs to the field before it.
      var fields = headers.fields
      fields[fields.count - 1].value += " " + Self.trimmed(line[...])
      headers = HTTPHeaders(fields)
    } else if let colon = line.firstIndex(of: 58) {
      let name = String(
        decoding: line[..<colon].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
      headers.add(name, Self.trimmed(line[(colon + 1)...]))
    }
    return bytes.count
  }

  /// The three digits after the version in a status line; 0 when they are not there.
  static func statusCode(_ line: UnsafeRawBufferPointer) -> Int {
    guard let space = line.firstIndex(of: 32) else { return 0 }
    var code = 0
    var digits = 0
    for b in line[(space + 1)...] {
      guard b >= 48 && b <= 57, digits < 3 else { break }
      code = code * 10 + Int(b - 48)
      digits += 1
    }
    return digits == 3 ? code : 0
  }

  static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
    var lo = bytes.startIndex
    var hi = bytes.endIndex
    while lo < hi && (bytes[lo] == 32 || bytes[lo] == 9) { lo += 1 }
    while hi > lo && (bytes[hi - 1] == 32 || bytes[hi - 1] == 9) { hi -= 1 }
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
  }

  private func headArrived() {
    let type = headers["content-type"] ?? ""
    isEventStream = type.utf8.count >= 17 && type.lowercased().contains("text/event-stream")
    if let raw = headers["content-length"], let length = Int(raw), length > 0,
      headers["content-encoding"] == nil
    {
      body.reserveCapacity(min(length, configuration.maxBodyBytes))
    }
  }

  /// Body bytes (decoded when the scenario asked for a compressed answer); reading stops at the cap.
  func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
    if cancelled.load(ordering: .relaxed) { return 0 }
    let at = started.elapsedMs
    if firstByteMs == nil { firstByteMs = at }
    let room = configuration.maxBodyBytes - body.count
    let take = min(room, bytes.count)
    if body.count + take > body.capacity {
      // Doubling, but never past the cap: linear time, and memory bounded by the cap.
      let grown = Swift.max(
        body.count + take, Swift.min(body.capacity * 2, configuration.maxBodyBytes))
      body.reserveCapacity(Swift.max(grown, 16 << 10))
    }
    let piece = UnsafeRawBufferPointer(rebasing: bytes[0..<take])
    body.append(contentsOf: piece)
    if isEventStream { chunks.append(TransportReply.Chunk(atMs: at, bytes: Array(piece))) }
    if take < bytes.count {
      overCap = true
      return 0
    }
    return bytes.count
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

let curlBodyCallback: acs_data_fn = { data, size, count, context in
  guard let data, let context else { return 0 }
  let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
  return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
}

let curlHeaderCallback: acs_data_fn = { data, size, count, context in
  guard let data, let context else { return 0 }
  let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
  return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
}
