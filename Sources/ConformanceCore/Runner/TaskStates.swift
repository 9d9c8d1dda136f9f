/// The states async tasks move through, per provider shape, so a poll can tell forward from backward.
///
/// Each state has a rank; a task's rank must never go down between polls. Terminal states end the task.
public enum TaskStates {
  public struct State: Sendable, Equatable {
    public var path: String
    public var value: String
    public var rank: Int
    public var terminal: Bool
    public var failed: Bool
  }

  struct Machine {
    let path: JSONPath
    let ranks: [String: Int]
    let succeeded: Set<String>
    let failed: Set<String>
  }

  /// The task shapes AnyInt's async routes answer with, each with its own state field and states.
  public enum Shape: String, CaseIterable, Sendable {
    /// AI Music (Suno-compatible) `data.status`: PENDING -> TEXT_SUCCESS -> FIRST_SUCCESS -> SUCCESS.
    case musicStatus = "music-status"
    /// AI Music transforms and lyrics (Suno-style record-info) `data.successFlag`: PENDING -> SUCCESS.
    case musicSuccessFlag = "music-success-flag"
    /// OpenAI videos `status`: queued -> in_progress -> completed.
    case openaiVideo = "openai-video"
    /// DashScope tasks `output.task_status`: PENDING -> RUNNING -> SUCCEEDED.
    case dashscope
    /// Kling `data.task_status`: submitted -> processing -> succeed.
    case kling
  }

  static let machines: [Machine] = Shape.allCases.map(machine)

  static func machine(_ shape: Shape) -> Machine {
    switch shape {
    case .musicStatus:
      Machine(
        path: path("$.data.status"),
        ranks: ["PENDING": 0, "TEXT_SUCCESS": 1, "FIRST_SUCCESS": 2, "SUCCESS": 3],
        succeeded: ["SUCCESS"], failed: musicFailures)
    case .musicSuccessFlag:
      Machine(
        path: path("$.data.successFlag"), ranks: ["PENDING": 0, "SUCCESS": 1],
        succeeded: ["SUCCESS"], failed: musicFailures)
    case .openaiVideo:
      Machine(
        path: path("$.status"), ranks: ["queued": 0, "in_progress": 1, "completed": 2],
        succeeded: ["completed"], failed: ["failed", "cancelled"])
    case .dashscope:
      Machine(
        path: path("$.output.task_status"), ranks: ["PENDING": 0, "RUNNING": 1, "SUCCEEDED": 2],
        succeeded: ["SUCCEEDED"], failed: ["FAILED", "CANCELED", "UNKNOWN"])
    case .kling:
      Machine(
        path: path("$.data.task_status"), ranks: ["submitted": 0, "processing": 1, "succeed": 2],
        succeeded: ["succeed"], failed: ["failed"])
    }
  }

  /// The states a task of this shape moves through, first to terminal success, in order.
  public static func progression(_ shape: Shape) -> [String] {
    machine(shape).ranks.sorted { $0.value < $1.value }.map(\.key)
  }

  /// The documented failure state a task of this shape ends in when generation fails.
  public static func documentedFailure(_ shape: Shape) -> String {
    switch shape {
    case .musicStatus: "GENERATE_AUDIO_FAILED"
    case .musicSuccessFlag: "CREATE_TASK_FAILED"
    case .openaiVideo: "failed"
    case .dashscope: "FAILED"
    case .kling: "failed"
    }
  }

  /// The keys that lead to each shape's state field.
  static func keys(_ shape: Shape) -> [String] {
    switch shape {
    case .musicStatus: ["data", "status"]
    case .musicSuccessFlag: ["data", "successFlag"]
    case .openaiVideo: ["status"]
    case .dashscope: ["output", "task_status"]
    case .kling: ["data", "task_status"]
    }
  }

  /// The shape whose state field an answer carries with a known state, if any.
  public static func shape(of body: JSONValue?) -> Shape? {
    guard let body else { return nil }
    return Shape.allCases.first { shape in
      let m = machine(shape)
      guard let value = m.path.evaluate(in: body)?.stringValue else { return false }
      return m.ranks[value] != nil || m.failed.contains(value)
    }
  }

  /// The answer with its task state replaced by `value` (the same shape, the state field only).
  public static func replacingState(in body: JSONValue, shape: Shape, with value: String)
    -> JSONValue
  {
    func set(_ node: JSONValue, _ keys: ArraySlice<String>) -> JSONValue {
      guard let key = keys.first, case .object(var object) = node else { return .string(value) }
      object[key] = set(object[key] ?? .null, keys.dropFirst())
      return .object(object)
    }
    return set(body, keys(shape)[...])
  }

  /// The failure states Suno-style providers use (each `GENERATE_*_FAILED` kind, plus the documented ones).
  static let musicFailures: Set<String> = [
    "CREATE_TASK_FAILED", "GENERATE_AUDIO_FAILED", "GENERATE_LYRICS_FAILED", "GENERATE_WAV_FAILED",
    "GENERATE_MP4_FAILED", "GENERATE_COVER_FAILED",
    "SENSITIVE_WORD_ERROR", "CALLBACK_EXCEPTION",
  ]

  static func path(_ text: String) -> JSONPath {
    (try? JSONPath(parsing: text)) ?? JSONPath(components: [])
  }

  /// The task state an answer reports, if it has one of the known shapes.
  public static func state(of body: JSONValue?) -> State? {
    guard let body else { return nil }
    for m in machines {
      guard let value = m.path.evaluate(in: body)?.stringValue else { continue }
      if m.failed.contains(value) {
        return State(
          path: m.path.description, value: value, rank: (m.ranks.values.max() ?? 0), terminal: true,
          failed: true)
      }
      if let rank = m.ranks[value] {
        return State(
          path: m.path.description, value: value, rank: rank, terminal: m.succeeded.contains(value),
          failed: false)
      }
    }
    return nil
  }
}
