extension Classifier {
  /// The official SDKs raise an error that arrives inside a stream; none retries it, whatever its type.
  public static let streamErrorNote =
    "no official SDK retries an error that arrives after a 200: the client sees it mid-stream and must decide itself"

  /// Classifies a 2xx answer whose body is a stream: a mid-stream error by its type, a stream that ended
  /// before its terminal event as `interrupted-stream`, else success. Other answers classify as usual.
  public static func classify(_ o: Observation, stream: StreamAnalysis?) -> Classification {
    guard let stream, (200..<300).contains(o.status) else { return classify(o) }
    if let error = stream.error {
      let c = classifyStreamError(error)
      return Classification(
        c.situation, "an error event after HTTP \(o.status): \(c.reason); \(streamErrorNote)")
    }
    if !stream.complete {
      let terminal: String
      switch stream.format {
      case .anthropicSSE?: terminal = "message_stop"
      case .geminiSSE?: terminal = "an event with a finishReason"
      default: terminal = "data: [DONE]"
      }
      let cut = stream.endedMidEvent ? ", cut in the middle of an event" : ""
      return Classification(
        .interruptedStream,
        "the stream ended after \(stream.events.count) event\(stream.events.count == 1 ? "" : "s") without \(terminal)\(cut)"
      )
    }
    return Classification(
      .success,
      "HTTP \(o.status), a complete \(stream.format?.rawValue ?? "event") stream of \(stream.events.count) event\(stream.events.count == 1 ? "" : "s")"
    )
  }

  /// The row a mid-stream error belongs to, by its type (Anthropic and OpenAI) or status (Gemini).
  static func classifyStreamError(_ e: ErrorInfo) -> Classification {
    let type = (e.typeString ?? e.codeString ?? "").lowercased()
    switch type {
    case "overloaded_error", "server_overloaded", "unavailable", "service_unavailable":
      return Classification(.upstreamUnavailable, "error type \(type)")
    case "rate_limit_error", "rate_limit_exceeded", "resource_exhausted":
      return Classification(.rateLimited, "error type \(type)")
    case "invalid_request_error", "invalid_argument":
      return Classification(.invalidRequest, "error type \(type)")
    case "authentication_error", "unauthenticated":
      return Classification(.invalidAPIKey, "error type \(type)")
    case "permission_error", "permission_denied":
      return Classification(.accessBlocked, "error type \(type)")
    case "not_found_error" where mentionsUnavailableModel(e):
      return Classification(.modelUnavailable, "error type \(type)")
    default:
      return Classification(
        .undocumented, "error type \(type.isEmpty ? "unknown" : type) has no documented row")
    }
  }
}
