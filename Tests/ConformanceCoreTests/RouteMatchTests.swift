import Testing

@testable import ConformanceCore

/// Route matching compares ASCII paths byte by byte against pre-split patterns; it must agree with the
/// character comparison for every documented route and any path.
@Suite struct RouteMatchTests {
  static let paths: [String] = [
    "", "/", "//", "/openai/v1/models", "/openai/v1/models/", "/openai/v1/models?x=1",
    "/openai/v1/models?",
    "/openai/v1/models?é=1", "/openai//v1/models", "/openai/v1/modelsx", "openai/v1/models",
    "/gemini/v1beta/models/gemini-2.0-flash:generateContent",
    "/gemini/v1beta/models/:generateContent",
    "/gemini/v1beta/models/x:streamGenerateContent?alt=sse",
    "/gemini/v1beta/models/gemini:generateContentx", "/anthropic/v1/messages",
    "/anthropic/v1/messages/count_tokens", "/suno/query/task?taskId=1", "/dashscope/v1/tasks/abc",
    "/dashscope/v1/tasks/", "/openai/v1/videos/v1/content", "/openai/v1/models/é", "/ünï/v1",
    "/openai/v1/models?\u{301}x", "/openai/v1/images/generations",
  ]

  @Test func byteMatchingAgreesWithCharacterMatching() {
    var routes = RouteCatalog.anyint.routes
    routes.append(Route("GET", "/x/{a}b/{c}", .openai, "made-up placeholders"))
    routes.append(Route("GET", "/x/}weird{/y", .openai, "braces the wrong way round"))
    var matched = 0
    for route in routes {
      var extra = [route.pattern, route.pattern + "?q=1"]
      extra.append(route.pattern.replacingAll("{model}", with: "m-1"))
      for path in Self.paths + extra {
        let fast = route.matches(path: path)
        #expect(fast == route.matchesByCharacters(path: path), "\(route.pattern) vs \(path)")
        if fast { matched += 1 }
      }
    }
    #expect(matched > routes.count)
  }
}
