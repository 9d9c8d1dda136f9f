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

  static let machines: [Machine] = [
    // AI Music (Suno-compatible): PENDING -> TEXT_SUCCESS -> FIRST_SUCCESS -> SUCCESS, or a failure.
    Machine(
      path: path("$.data.status"),
      ranks: ["PENDING": 0, "TEXT_SUCCESS": 1, "FIRST_SUCCESS": 2, "SUCCESS": 3],
      succeeded: ["SUCCESS"], failed: musicFailures),
    // AI Music transforms and lyrics (Suno-style record-info): successFlag PENDING -> SUCCESS, or a failure.
    Machine(
      path: path("$.data.successFlag"), ranks: ["PENDING": 0, "SUCCESS": 1], succeeded: ["SUCCESS"],
      failed: musicFailures),
    // OpenAI videos: queued -> in_progress -> completed | failed.
    Machine(
      path: path("$.status"), ranks: ["queued": 0, "in_progress": 1, "completed": 2],
      succeeded: ["completed"], failed: ["failed", "cancelled"]),
    // DashScope tasks: PENDING -> RUNNING -> SUCCEEDED | FAILED.
    Machine(
      path: path("$.output.task_status"), ranks: ["PENDING": 0, "RUNNING": 1, "SUCCEEDED": 2],
      succeeded: ["SUCCEEDED"],
      failed: ["FAILED", "CANCELED", "UNKNOWN"]),
    // Kling: submitted -> processing -> succeed | failed.
    Machine(
      path: path("$.data.task_status"), ranks: ["submitted": 0, "processing": 1, "succeed": 2],
      succeeded: ["succeed"], failed: ["failed"]),
  ]

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
