/// An async task a documented route creates: where it is polled, the states it moves through (`TaskStates`)
/// and the callbacks it delivers.
public enum TaskKind: Sendable, Hashable {
  /// AI Music generation and the transforms that make tracks: polled at `/suno/query/task`.
  case music
  /// AI Music lyrics: polled at `/suno/query/lyrics`.
  case lyrics
  /// An AI Music record-info task (`vocal-removal`, `wav`, `mp4`, `cover`): polled at `/suno/query/<name>`.
  case musicRecord(String)
  /// OpenAI videos: polled at `/openai/v1/videos/{video_id}`.
  case openaiVideo
  /// DashScope video synthesis: polled at `/dashscope/v1/tasks/{task_id}`.
  case dashscope
  /// A Kling task (`images/generations`, `videos/text2video`, ...): polled at its create path + `/{task_id}`.
  case kling(String)

  /// The AI Music task kinds, one per query route.
  public static let musicKinds: [TaskKind] = [
    .music, .lyrics, .musicRecord("vocal-removal"), .musicRecord("wav"), .musicRecord("mp4"),
    .musicRecord("cover"),
  ]

  /// The state field and its states.
  public var shape: TaskStates.Shape {
    switch self {
    case .music, .lyrics: .musicStatus
    case .musicRecord: .musicSuccessFlag
    case .openaiVideo: .openaiVideo
    case .dashscope: .dashscope
    case .kling: .kling
    }
  }

  /// The states a task passes through, first to terminal success (lyrics skip the track states).
  public var states: [String] {
    self == .lyrics ? ["PENDING", "SUCCESS"] : TaskStates.progression(shape)
  }

  /// The route pattern that answers the task's state.
  public var queryPattern: String {
    switch self {
    case .music: "/suno/query/task"
    case .lyrics: "/suno/query/lyrics"
    case .musicRecord(let name): "/suno/query/\(name)"
    case .openaiVideo: "/openai/v1/videos/{video_id}"
    case .dashscope: "/dashscope/v1/tasks/{task_id}"
    case .kling(let name): "/transtreams/kling/v1/\(name)/{task_id}"
    }
  }

  /// The `callbackType`s delivered to a create's `callBackUrl`, in order (AI Music only).
  public var callbackTypes: [String] {
    switch self {
    case .music: ["text", "first", "complete"]
    case .lyrics, .musicRecord: ["complete"]
    case .openaiVideo, .dashscope, .kling: []
    }
  }

  /// The task a poll asks about: the `taskId` query item of AI Music queries, the last path segment otherwise.
  public func taskID(inPoll request: HTTPRequest) -> String? {
    if queryPattern.hasSuffix("}") {
      return request.path.split(separator: "/").last.map(String.init)
    }
    return QueryItem.parse(request.query).first { $0.name == "taskId" }?.value
  }
}
