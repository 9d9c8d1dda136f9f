/// Media types the harness sends or recognises.
public enum MediaType {
  public static let json = "application/json"
  /// Server-sent events: an answer with this content type is analysed as a stream.
  public static let eventStream = "text/event-stream"

  /// Whether a content-type value names an event stream (any case, with or without parameters).
  public static func isEventStream(_ contentType: String?) -> Bool {
    (contentType ?? "").lowercased().containsBytes(eventStream)
  }
}
