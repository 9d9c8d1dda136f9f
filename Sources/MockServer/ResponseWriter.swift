import ConformanceCore

/// Serialises response heads and body framing as HTTP/1.1 bytes.
enum ResponseWriter {
  /// How the body that follows a head is delimited.
  enum Framing {
    /// `Content-Length: n` (also used, with no body sent, for HEAD requests).
    case length(Int)
    /// `Transfer-Encoding: chunked`: each piece framed, a zero-size piece ends the body.
    case chunked
    /// No length at all: the body ends when the connection closes (streams to HTTP/1.0 clients).
    case untilClose
    /// No body and no length (1xx, 204 and 304 answers).
    case none
  }

  /// What the head says about the connection.
  enum ConnectionHeader {
    /// Nothing: the HTTP/1.1 default, the connection stays open.
    case omitted
    /// `connection: keep-alive`, which an HTTP/1.0 client needs to keep the connection open.
    case keepAlive
    /// `connection: close`: the server closes after this answer.
    case close
  }

  /// Framing and connection fields of a fixture are replaced by the server's own, which describe what it
  /// really sends.
  private static let managedFields: Set<String> = [
    "content-length", "transfer-encoding", "connection", "keep-alive",
  ]

  /// The status line and header fields, ending with the empty line.
  static func head(
    status: Int, headers: HTTPHeaders, framing: Framing, connection: ConnectionHeader
  ) -> [UInt8] {
    var text = "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n"
    for field in headers where !managedFields.contains(field.name.lowercased()) {
      // A value with a line break would let a fixture forge header fields; such a field is dropped.
      guard !field.name.contains(where: \.isNewline), !field.value.contains(where: \.isNewline)
      else { continue }
      text += "\(field.name): \(field.value)\r\n"
    }
    switch framing {
    case .length(let n): text += "content-length: \(n)\r\n"
    case .chunked: text += "transfer-encoding: chunked\r\n"
    case .untilClose, .none: break
    }
    switch connection {
    case .omitted: break
    case .keepAlive: text += "connection: keep-alive\r\n"
    case .close: text += "connection: close\r\n"
    }
    text += "\r\n"
    return Array(text.utf8)
  }

  /// One piece of a chunked body: its size in hex, the data, and the line ends.
  static func chunk(_ data: [UInt8]) -> [UInt8] {
    var out = Array(String(data.count, radix: 16).utf8)
    out.reserveCapacity(out.count + data.count + 4)
    out += crlf
    out += data
    out += crlf
    return out
  }

  /// The zero-size piece (with no trailers) that ends a chunked body.
  static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

  private static let crlf: [UInt8] = [13, 10]

  /// Whether answers with this status never carry a body (RFC 9110 §6.4.1).
  static func isBodyless(_ status: Int) -> Bool {
    status < 200 || status == 204 || status == 304
  }

  /// The standard reason phrase, or an empty one (which the grammar allows) for unusual codes.
  static func reasonPhrase(_ status: Int) -> String {
    switch status {
    case 100: "Continue"
    case 200: "OK"
    case 201: "Created"
    case 202: "Accepted"
    case 204: "No Content"
    case 206: "Partial Content"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 304: "Not Modified"
    case 307: "Temporary Redirect"
    case 308: "Permanent Redirect"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 402: "Payment Required"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 408: "Request Timeout"
    case 409: "Conflict"
    case 410: "Gone"
    case 413: "Content Too Large"
    case 414: "URI Too Long"
    case 415: "Unsupported Media Type"
    case 417: "Expectation Failed"
    case 422: "Unprocessable Content"
    case 429: "Too Many Requests"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    case 505: "HTTP Version Not Supported"
    case 529: "Site Overloaded"
    default: ""
    }
  }
}
