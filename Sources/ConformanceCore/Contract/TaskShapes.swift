/// Async task answers in each provider's shape (as the recorded gateway answers in `Fixtures/anyint` show):
/// the create answer, the poll answer at a given state, and the AI Music callbacks.
public enum TaskShapes {
  /// A task as a poll sees it.
  public struct Snapshot: Sendable {
    public var kind: TaskKind
    public var id: String
    /// One of `kind.states`, or the documented failure state.
    public var state: String
    /// The create request's body.
    public var params: JSONValue
    /// Unix seconds the task was created.
    public var created: Int

    public init(kind: TaskKind, id: String, state: String, params: JSONValue, created: Int) {
      self.kind = kind
      self.id = id
      self.state = state
      self.params = params
      self.created = created
    }

    var failed: Bool { state == TaskStates.documentedFailure(kind.shape) }
    var done: Bool { state == kind.states.last }
    /// How far along the task is, 0 to 1.
    var progress: Double {
      let states = kind.states
      guard let i = states.firstIndex(of: state), states.count > 1 else { return failed ? 1 : 0 }
      return Double(i) / Double(states.count - 1)
    }
  }

  /// The answer to the create request.
  public static func created(_ s: Snapshot) -> JSONValue {
    switch s.kind {
    case .music, .lyrics, .musicRecord:
      return ["code": 200, "msg": "success", "data": ["taskId": .string(s.id)]]
    case .openaiVideo, .dashscope, .kling:
      return query(s)
    }
  }

  /// The answer to a poll.
  public static func query(_ s: Snapshot) -> JSONValue {
    let cdn = "https://cdn.anyint-twin.example/\(s.id)"
    switch s.kind {
    case .music:
      let tracks: [JSONValue] =
        s.state == "PENDING" || s.failed
        ? []
        : (1...2).map {
          track(
            s, $0, audio: s.state == "SUCCESS" || ($0 == 1 && s.state == "FIRST_SUCCESS"),
            camel: true)
        }
      return music(
        s, response: ["taskId": .string(s.id), "sunoData": .array(tracks)], type: "GENERATE")
    case .lyrics:
      let data: [JSONValue] =
        s.done
        ? [
          [
            "text": "[Verse]\nA twin answers every call", "title": "Twin", "status": "complete",
            "errorMessage": "",
          ]
        ]
        : []
      return music(s, response: ["taskId": .string(s.id), "data": .array(data)], type: "LYRICS")
    case .musicRecord(let name):
      var data: JSONObject = [
        "taskId": .string(s.id), "musicId": s.params["audioId"] ?? .null,
        "callbackUrl": s.params["callBackUrl"] ?? .null,
        "completeTime": s.done ? "2026-01-01 00:01:00" : .null,
        "response": s.done ? recordResult(name, cdn) : .null,
        "successFlag": .string(s.state), "createTime": "2026-01-01 00:00:00",
        "errorCode": s.failed ? 500 : .null,
        "errorMessage": s.failed ? "Task failed." : .null,
      ]
      if name == "vocal-removal" { data["audioId"] = s.params["audioId"] ?? .null }
      return ["code": 200, "msg": "success", "data": .object(data)]
    case .openaiVideo:
      return [
        "id": .string(s.id), "object": "video", "model": s.params["model"] ?? "sora-2",
        "status": .string(s.state), "progress": .number((s.progress * 100).rounded()),
        "created_at": .number(Double(s.created)),
        "completed_at": s.done ? .number(Double(s.created + 90)) : .null,
        "expires_at": s.done ? .number(Double(s.created + 86_490)) : .null,
        "size": s.params["size"] ?? "720x1280", "seconds": s.params["seconds"] ?? "4",
        "remixed_from_video_id": .null,
        "error": s.failed
          ? ["code": "video_generation_failed", "message": "Video generation failed."] : .null,
      ]
    case .dashscope:
      var output: JSONObject = [
        "task_id": .string(s.id), "task_status": .string(s.state),
        "submit_time": "2026-01-01 00:00:00.000",
      ]
      if s.done {
        output["end_time"] = "2026-01-01 00:02:00.000"
        output["video_url"] = .string(cdn + ".mp4")
      }
      if s.failed {
        output["code"] = "InternalError"
        output["message"] = "Video generation failed."
      }
      var o: JSONObject = ["request_id": .string("twin-" + s.id), "output": .object(output)]
      if s.done { o["usage"] = ["video_count": 1] }
      return .object(o)
    case .kling(let name):
      var data: JSONObject = [
        "task_id": .string(s.id), "task_status": .string(s.state),
        "task_status_msg": s.failed ? "Generation failed." : "", "task_info": [:],
        "created_at": .number(Double(s.created) * 1000),
        "updated_at": .number(Double(s.created) * 1000),
      ]
      if s.done {
        data["task_result"] =
          name.hasPrefix("images")
          ? ["images": [["index": 0, "url": .string(cdn + ".png")]]]
          : [
            "videos": [
              ["id": .string(s.id + "-v0"), "url": .string(cdn + ".mp4"), "duration": "5"]
            ]
          ]
      }
      return [
        "code": 0, "message": "SUCCEED", "request_id": .string("twin-" + s.id),
        "data": .object(data),
      ]
    }
  }

  /// A callback for `callBackUrl`, in AnyInt's flat form: `{"callbackType", "task_id", "data": [...]}`.
  public static func callback(_ s: Snapshot, type: String) -> JSONValue {
    let data: [JSONValue]
    switch s.kind {
    case .music:
      data =
        type == "first"
        ? [track(s, 1, audio: true, camel: false)]
        : (1...2).map { track(s, $0, audio: type == "complete", camel: false) }
    case .lyrics:
      data = [
        ["text": "[Verse]\nA twin answers every call", "title": "Twin", "status": "complete"]
      ]
    default:
      data = [["id": .string(s.id), "status": "complete"]]
    }
    return ["callbackType": .string(type), "task_id": .string(s.id), "data": .array(data)]
  }

  static func music(_ s: Snapshot, response: JSONValue, type: String) -> JSONValue {
    [
      "code": 200, "msg": "success",
      "data": [
        "taskId": .string(s.id), "parentMusicId": s.params["audioId"] ?? "",
        "param": .string(JSONWriter.string(s.params)), "response": response,
        "status": .string(s.state), "type": .string(type),
        "errorCode": s.failed ? 501 : .null,
        "errorMessage": s.failed ? "Audio generation failed." : .null,
      ],
    ]
  }

  static func track(_ s: Snapshot, _ n: Int, audio: Bool, camel: Bool) -> JSONValue {
    let cdn = "https://cdn.anyint-twin.example/\(s.id)-\(n)"
    let title = s.params["title"]?.stringValue ?? "Twin Song"
    let tags = s.params["style"]?.stringValue ?? "pop"
    if camel {
      return [
        "id": .string("\(s.id)-track-\(n)"), "audioUrl": .string(audio ? cdn + ".mp3" : ""),
        "streamAudioUrl": .string(audio ? cdn + "-stream" : ""), "imageUrl": .string(cdn + ".jpeg"),
        "prompt": s.params["prompt"] ?? "", "modelName": "chirp-v4", "title": .string(title),
        "tags": .string(tags), "createTime": "2026-01-01 00:00:00",
        "duration": audio ? 30.5 : .null,
      ]
    }
    return [
      "id": .string("\(s.id)-track-\(n)"), "audio_url": .string(audio ? cdn + ".mp3" : ""),
      "stream_audio_url": .string(audio ? cdn + "-stream" : ""),
      "image_url": .string(cdn + ".jpeg"),
      "title": .string(title), "tags": .string(tags), "duration": audio ? 30.5 : .null,
    ]
  }

  static func recordResult(_ name: String, _ cdn: String) -> JSONValue {
    switch name {
    case "wav": ["audioWavUrl": .string(cdn + ".wav")]
    case "mp4": ["videoUrl": .string(cdn + ".mp4")]
    case "cover": ["images": [.string(cdn + "-cover-1.png")]]
    default:
      [
        "originUrl": .null, "instrumentalUrl": .string(cdn + "-instrumental.mp3"),
        "vocalUrl": .string(cdn + "-vocal.mp3"),
      ]
    }
  }
}
