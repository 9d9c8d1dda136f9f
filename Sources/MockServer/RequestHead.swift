import ConformanceCore

/// The request line and header fields of one request, with what they imply for reading and answering it.
struct RequestHead {
  /// How the body is delimited.
  enum Framing: Equatable {
    case none
    case length(Int)
    case chunked
  }

  var method: String
  /// The target in origin form (`/path?query`), whatever form the client sent.
  var target: String
  /// 0 for HTTP/1.0, 1 for HTTP/1.1.
  var minorVersion: Int
  var headers: HTTPHeaders
  var framing: Framing
  /// Whether the client allows the connection to stay open after the answer.
  var keepAlive: Bool
  /// Whether the client waits for `100 Continue` before sending the body.
  var expectsContinue: Bool
}

/// A request the server will not read any further: it is answered with `status` and the connection closes.
///
/// Messages are fixed texts and never quote the request, so nothing a client sent (a key) is echoed.
struct RequestRefusal: Error, Equatable {
  let status: Int
  let code: String
  let message: String

  static let malformedRequestLine = RequestRefusal(
    400, "bad_request", "malformed request line: expected 'METHOD /target HTTP/1.1'")
  static let malformedHeader = RequestRefusal(400, "bad_request", "malformed header field")
  static let foldedHeader = RequestRefusal(
    400, "bad_request", "obsolete line folding in header fields is not accepted")
  static let badContentLength = RequestRefusal(400, "bad_request", "invalid Content-Length")
  static let conflictingFraming = RequestRefusal(
    400, "bad_request", "a request must not carry both Content-Length and Transfer-Encoding")
  static let badTransferEncoding = RequestRefusal(
    400, "bad_request", "Transfer-Encoding must end with chunked")
  static let unsupportedTransferEncoding = RequestRefusal(
    501, "not_implemented", "only the chunked transfer coding is supported")
  static let badChunk = RequestRefusal(400, "bad_request", "malformed chunked body")
  static let requestLineTooLong = RequestRefusal(414, "uri_too_long", "request line too long")
  static let headersTooLarge = RequestRefusal(
    431, "headers_too_large", "request header fields too large")
  static let bodyTooLarge = RequestRefusal(413, "body_too_large", "request body too large")
  static let unsupportedVersion = RequestRefusal(
    505, "http_version_not_supported", "only HTTP/1.0 and HTTP/1.1 are served")
  static let unsupportedExpectation = RequestRefusal(
    417, "expectation_failed", "only 'Expect: 100-continue' is supported")
  static let timedOut = RequestRefusal(408, "request_timeout", "the request did not arrive in time")
  static let busy = RequestRefusal(503, "server_busy", "too many open connections; try again")

  init(_ status: Int, _ code: String, _ message: String) {
    self.status = status
    self.code = code
    self.message = message
  }

  /// The answer sent for the refusal, in the gateway's JSON error envelope.
  var response: FixtureResponse {
    FixtureResponder.errorResponse(
      status: status, message: message, type: "invalid_request", code: code)
  }
}
