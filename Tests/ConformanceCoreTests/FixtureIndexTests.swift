import Testing

@testable import ConformanceCore

/// Fixture lookup indexes bodies and the nearest-fixture search prunes; both must answer exactly what a scan
/// of every fixture answers. A generated set with many fixtures per route, every kind of body, header
/// conditions, keys and templated paths is compared request by request with that scan.
@Suite struct FixtureIndexTests {
  /// A small deterministic generator (no Foundation randomness, so failures reproduce).
  struct Dice {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
  }

  static let paths = [
    "/openai/v1/chat/completions", "/anthropic/v1/messages", "/openai/v1/models",
    "/dashscope/v1/tasks/{{task_id}}", "/openai/v1/chat/completions?stream=true",
  ]

  static func body(_ dice: inout Dice) -> String {
    switch dice.next(6) {
    case 0: return #""anyBody": true"#
    case 1: return ""
    case 2: return #""body": "raw \#(dice.next(3))""#
    case 3: return #""json": {"model": "{{any}}", "n": \#(dice.next(3))}"#
    default:
      return
        #""json": {"model": "m\#(dice.next(4))", "messages": [{"role": "user", "content": "c\#(dice.next(3))"}]}"#
    }
  }

  static func fixtureText(count: Int) -> String {
    var dice = Dice(state: 7)
    let items = (0..<count).map { i -> String in
      var fields = [
        #""method": "\#(dice.next(4) == 0 ? "GET" : "POST")""#,
        #""path": "\#(paths[dice.next(paths.count)])""#,
      ]
      if dice.next(3) == 0 { fields.append(#""key": "invalid""#) }
      if dice.next(4) == 0 { fields.append(#""auth": "bearer""#) }
      if dice.next(3) == 0 { fields.append(#""headers": {"x-h": "v\#(dice.next(2))"}"#) }
      let b = body(&dice)
      if !b.isEmpty { fields.append(b) }
      return
        #"{"id": "f\#(i)", "request": {\#(fields.joined(separator: ", "))}, "response": {"status": 200}}"#
    }
    return "[" + items.joined(separator: ",\n") + "]"
  }

  static func requests(count: Int) -> [HTTPRequest] {
    var dice = Dice(state: 99)
    return (0..<count).map { _ in
      var path = paths[dice.next(paths.count)].replacingAll("{{task_id}}", with: "t\(dice.next(2))")
      if dice.next(8) == 0 { path = "/openai/v1/other" }
      var headers: [(String, String)] = [
        dice.next(4) == 0
          ? ("authorization", "Bearer " + (dice.next(3) == 0 ? "wrong" : "good-key-123"))
          : ("x-api-key", dice.next(3) == 0 ? "wrong" : "good-key-123")
      ]
      if dice.next(2) == 0 { headers.append(("x-h", "v\(dice.next(2))")) }
      let body: String
      switch dice.next(4) {
      case 0: body = ""
      case 1: body = "raw \(dice.next(3))"
      case 2: body = #"{"n": \#(dice.next(3)), "model": "m\#(dice.next(4))"}"#
      default:
        body =
          #"{"messages": [{"content": "c\#(dice.next(3))", "role": "user"}], "model": "m\#(dice.next(4))"}"#
      }
      return HTTPRequest(
        method: dice.next(4) == 0 ? "GET" : "POST", target: path, headers: HTTPHeaders(headers),
        body: Array(body.utf8))
    }
  }

  @Test(arguments: [40, 600])
  func lookupsAndNearestFixturesMatchAFullScan(fixtureCount: Int) throws {
    let decoded = FixtureDecoder.decode(
      path: "gen.fixture.json", bytes: Array(Self.fixtureText(count: fixtureCount).utf8))
    #expect(decoded.diagnostics.filter { $0.severity == .error }.isEmpty)
    let store = FixtureStore(fixtures: decoded.fixtures)
    let keys = KeyClassifier(validKey: "good-key-123")
    var hits = 0
    var misses = 0
    for request in Self.requests(count: 400) {
      let seen = FixtureStore.SeenRequest(request, keys: keys)
      // Reference lookup: every fixture that fits, most header conditions first, then file order.
      var want: Int?
      var wantScore = -1
      for (i, f) in store.fixtures.enumerated() {
        guard store.fitting(f.request, seen) != nil else { continue }
        let score = f.request.headers.count + (f.createdBy != nil ? 1 : 0)
        if score > wantScore {
          want = i
          wantScore = score
        }
      }
      let got = try? store.find(request, keys: keys, session: nil).get().index
      #expect(got == want, "\(request.method) \(request.target)")
      if want != nil {
        hits += 1
        continue
      }
      misses += 1
      // Reference nearest: least total weight of the differences, then file order.
      var nearest: Int?
      var least = Int.max
      for (i, f) in store.fixtures.enumerated() {
        let w = store.differences(f.request, seen).reduce(0) { $0 + $1.weight }
        if w < least {
          least = w
          nearest = i
        }
      }
      #expect(store.nearest(to: seen) == nearest, "\(request.method) \(request.target)")
    }
    #expect(hits > 10)
    #expect(misses > 10)
  }
}
