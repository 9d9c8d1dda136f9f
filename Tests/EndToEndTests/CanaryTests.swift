import ConformanceCore
import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A gateway that echoes every secret back in every form (`canary_server.py`), driven through every command that
/// sends, serves or writes: no file written and nothing printed holds any secret in any form (`Leaks` decodes
/// on its own, independently of the redactor).
@Suite(.serialized) struct CanaryTests {
  static let key = "sk-canary-Zq81xLw0pRt5vNc2mKd7hYa3"
  static let token = "tok-9f8e7d6c5b4a3210-canary"
  static let awkward = "p@ss/w+rd w\u{F6}rd&\"q\"~~~~????"
  static let header = "hdr-5e6f7a8b9c0d1e2f"
  /// Key material in the base URL's path.
  static let keyMaterial = "kmat0a1b2c3d4e5f6a7b8c9d"
  static let secrets = [key, token, awkward, header, keyMaterial]

  static let suite = """
    [
      {"id": "canary.ok", "summary": "an answer echoing the secrets in headers and body", "family": "openai",
       "request": {"method": "GET", "path": "/echo/ok"}, "expect": {"status": 200, "json": {"$.ok": false}}},
      {"id": "canary.error", "summary": "an error message, type, code and param echoing them", "family": "openai",
       "request": {"method": "POST", "path": "/echo/error", "json": {"q": 1}}, "expect": {"status": 200}},
      {"id": "canary.retry", "summary": "two retryable answers echoing them, then an answer", "family": "openai",
       "request": {"method": "GET", "path": "/echo/retry"}, "expect": {"status": 201}},
      {"id": "canary.redirect", "summary": "a redirect whose Location carries them", "family": "openai",
       "request": {"method": "GET", "path": "/echo/redirect"}, "expect": {"status": 200}},
      {"id": "canary.stream", "summary": "a stream whose chunks split them", "family": "openai",
       "request": {"method": "POST", "path": "/echo/stream", "json": {"stream": true}},
       "expect": {"status": 200, "stream": {"format": "openai-sse", "complete": true},
                  "headers": {"x-none": {"contains": "y"}}}},
      {"id": "canary.long", "summary": "a body the excerpt cuts through the key", "family": "openai",
       "request": {"method": "GET", "path": "/echo/long"}, "expect": {"status": 201}},
      {"id": "canary.var", "summary": "a variable holding the key, in the path and an expectation", "family": "openai",
       "request": {"method": "GET", "path": "/echo/path/x?t=${token}"},
       "expect": {"status": 200, "json": {"$.target": "${token}"}}},
      {"id": "canary.task", "summary": "a task whose id and failure carry them", "family": "openai",
       "steps": [
         {"id": "create", "request": {"method": "POST", "path": "/echo/task", "json": {"prompt": "x"}},
          "expect": {"status": 200}, "capture": {"task": "$.data.taskId"}},
         {"id": "poll", "request": {"method": "GET", "path": "/echo/task?taskId=${task}"},
          "poll": {"until": {"$.data.status": "SUCCESS"},
                   "failWhen": {"$.data.status": {"in": ["GENERATE_AUDIO_FAILED"]}},
                   "intervalMs": 20, "timeoutMs": 5000},
          "expect": {"status": 200, "json": {"$.data.status": "SUCCESS", "$.data.taskId": "${task}"}}}
       ]}
    ]
    """

  /// What the checks found: "label: form" for each leak.
  final class Findings: @unchecked Sendable {
    var leaks: [String] = []
    var checked: [String] = []

    func scan(_ label: String, _ text: String) {
      checked.append(label)
      leaks += Leaks.find(CanaryTests.secrets, in: text, label: label)
    }

    func scan(_ label: String, _ r: Harness.Result) {
      scan(label + " stdout", r.stdout)
      scan(label + " stderr", r.stderr)
    }

    /// Every file under `dir` but the inputs the test wrote.
    func scanFiles(under dir: String) {
      let e = FileManager.default.enumerator(atPath: dir)
      while let f = e?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir + "/" + f, isDirectory: &isDirectory),
          !isDirectory.boolValue, !f.hasPrefix("scenarios/")
        else { continue }
        scan(f, Harness.read(dir + "/" + f) ?? "")
      }
    }
  }

  /// A client for check-client whose requests carry every secret (it prints nothing itself).
  static let client = """
    import json, os, urllib.error, urllib.parse, urllib.request
    base, key = os.environ["ANYINT_BASE_URL"], os.environ["ANYINT_API_KEY"].strip()
    token, awkward = os.environ["CANARY_TOKEN"], os.environ["CANARY_AWKWARD"]
    for path, body in [
        ("/openai/v1/chat/completions?key=" + key, {"model": key, "messages": [{"role": "user", "content": token}]}),
        ("/openai/v1/models/" + urllib.parse.quote(awkward, safe=""), None),
        ("/anthropic/v1/messages", {"model": token, "max_tokens": 1, "messages": [{"role": "user", "content": awkward}]}),
    ]:
        request = urllib.request.Request(
            base + path, data=json.dumps(body).encode() if body else None, method="POST" if body else "GET",
            headers={"Authorization": "Bearer " + key, "x-api-key": key, "Content-Type": "application/json",
                     "X-Canary": token})
        try:
            urllib.request.urlopen(request, timeout=30).read()
        except urllib.error.HTTPError as e:
            e.read()
    """

  static let env = [
    "ANYINT_API_KEY": key + " ", "CANARY_TOKEN": token, "CANARY_AWKWARD": awkward,
  ]
  static let secretArguments = ["--secret-env", "CANARY_TOKEN", "--secret-env", "CANARY_AWKWARD"]

  @Test func noCommandWritesOrPrintsASecretInAnyForm() async throws {
    let server = try await CanaryServer(secrets: [Self.token, Self.awkward])
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.suite, to: dir + "/scenarios/canary.json")
    let base = server.baseURL + "/tenant/" + Self.keyMaterial
    let found = Findings()
    let variables = ["--var", "token=\(Self.key)"]

    // run: every format, retries.
    let run = try await Harness.run(
      [
        "run", "--target", "live", "--base-url", base, "--retries", "2", "--format",
        "console,json,junit,markdown,html,github",
      ] + variables + Self.secretArguments,
      in: dir, env: Self.env)
    #expect(run.status == 1, "\(run.stderr)")
    found.scan("run", run)
    let report = try JSONParser.parse(
      Array((Harness.read(dir + "/Reports/report.json") ?? "").utf8))
    #expect(report["scenarios"]?.arrayValue?.count == 8)
    #expect(report["target"]?["baseURL"]?.stringValue?.contains("<redacted>") == true)
    let retry = report["scenarios"]?.arrayValue?.first { $0["id"] == "canary.retry" }
    #expect(retry?["attempts"]?.arrayValue?.count == 3, "--retries 2 made three attempts")
    #expect((Harness.read(dir + "/Reports/junit.xml") ?? "").contains("&lt;redacted&gt;"))
    // report.html: the redacted data block is still JSON, with no `<`, `>` or `&` in it.
    let page = Harness.read(dir + "/Reports/report.html") ?? ""
    let open = #"<script type="application/json" id="report-data">"#
    let block = try #require(
      page.range(of: open).flatMap { o in
        page.range(of: "</script>", range: o.upperBound..<page.endIndex).map {
          page[o.upperBound..<$0.lowerBound]
        }
      })
    #expect(block.contains(#"\u003credacted\u003e"#))
    #expect(!block.contains("<") && !block.contains(">") && !block.contains("&"))
    #expect(throws: Never.self) { try JSONParser.parse(Array(block.utf8)) }

    // record, then replay what it wrote.
    let record = try await Harness.run(
      ["record", "--base-url", base, "--fixtures", "recorded", "--report-dir", "record-reports"]
        + variables + Self.secretArguments, in: dir, env: Self.env)
    #expect(record.status == 1)
    #expect(!record.stderr.contains("refused"), "\(record.stderr)")
    #expect(record.stdout.contains("recorded 9 fixtures"), "\(record.stdout)")
    found.scan("record", record)
    let replay = try await Harness.run(
      [
        "run", "--fixtures", "recorded", "--report-dir", "replay-reports", "--format",
        "console,json,junit,markdown,html,github",
      ] + variables + Self.secretArguments,
      in: dir, env: Self.env)
    #expect(replay.status == 1)
    found.scan("replay", replay)

    // diagnose, text and JSON, with a header of the user's own.
    for format in ["text", "json"] {
      let d = try await Harness.run(
        [
          "diagnose", "--route", "/v1/chat/completions", "--family", "openai", "--base-url", base,
          "--header",
          "X-Canary-Token: \(Self.header)", "--format", format,
        ] + Self.secretArguments,
        in: dir, env: Self.env)
      #expect(d.status == 1, "\(d.stdout)\(d.stderr)")
      #expect(d.stdout.contains("<redacted>"))
      found.scan("diagnose \(format)", d)
    }

    // report merge of what run wrote.
    let merge = try await Harness.run(
      [
        "report", "merge", "Reports/report.json", "--report-dir", "merged", "--format",
        "console,json,junit,markdown,html,github",
      ] + Self.secretArguments,
      in: dir, env: Self.env)
    #expect(merge.status == 1, "\(merge.stderr)")
    found.scan("report merge", merge)

    // report html and report diff of what run and the replay wrote.
    let html = try await Harness.run(
      ["report", "html", "Reports/report.json", "--report-dir", "html"] + Self.secretArguments,
      in: dir, env: Self.env)
    #expect(html.status == 1, "\(html.stderr)")
    found.scan("report html", html)
    for format in ["console", "markdown", "json"] {
      let diff = try await Harness.run(
        ["report", "diff", "Reports/report.json", "replay-reports/report.json", "--format", format]
          + Self.secretArguments, in: dir, env: Self.env)
      #expect(diff.status != 2, "\(diff.stderr)")
      found.scan("report diff \(format)", diff)
    }

    // mock serve --log-requests, with clients sending the secrets in their requests.
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", "recorded", "--log-requests", dir + "/requests.log"]
        + Self.secretArguments,
      env: Self.env, directory: dir, errorFile: dir + "/mock-stderr.txt")
    for target in [
      "/echo/path/x?key=\(Self.key)", "/echo/ok?t=" + Forms.percentAll(Self.token, upper: false),
      "/echo/\(Self.awkward.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
    ] {
      var request = URLRequest(url: try #require(URL(string: mock.url + target)))
      request.setValue("Bearer \(Self.key)", forHTTPHeaderField: "Authorization")
      _ = try? await URLSession.shared.data(for: request)
    }
    #expect(await mock.stop() == 0)
    #expect((Harness.read(dir + "/requests.log") ?? "").split(separator: "\n").count == 3)

    // check-client: a client whose requests carry the secrets; the client reports and the log hold none.
    Harness.write(Self.client, to: dir + "/canary_client.py")
    let client = try await Harness.run(
      ["check-client", "--report-dir", "client", "--log-requests", dir + "/client-requests.log"]
        + Self.secretArguments + ["--", "python3", "canary_client.py"],
      in: dir, env: Self.env)
    #expect(client.status != 2, "\(client.stdout)\(client.stderr)")
    found.scan("check-client", client)
    #expect(
      (Harness.read(dir + "/client-requests.log") ?? "").split(separator: "\n").count == 3,
      "the client's three requests were served")

    // Refused command lines echo nothing either.
    for args in [
      ["run", "--target", "live", "--base-url", "http://127.0.0.1:9/v1?key=\(Self.key)"],
      ["run", "--target", "live", "--base-url", "http://user:\(Self.token)@127.0.0.1:9/"],
      ["run", "--format", Self.key],
      ["run", "--target", Self.token, "--secret-env", "CANARY_TOKEN"],
      ["run", "--secret-env", "CANARY_MISSING"], ["report", "merge", "\(Self.key).json"],
      [
        "diagnose", "--route", "/v1/x", "--base-url", base, "--header",
        "Authorization: Bearer \(Self.key)",
      ],
    ] {
      let r = try await Harness.run(args, in: dir, env: Self.env)
      #expect(r.status == 2, "\(args): \(r.stderr)")
      found.scan(args.joined(separator: " "), r)
    }

    found.scanFiles(under: dir)
    for name in [
      "Reports/report.json", "Reports/junit.xml", "Reports/report.md", "requests.log",
      "mock-stderr.txt",
      "record-reports/report.json", "replay-reports/report.json", "merged/report.json",
    ] {
      #expect(found.checked.contains(name), "\(name) was not written")
    }
    #expect(found.checked.contains { $0.hasPrefix("recorded/canary.stream") })
    #expect(found.leaks.isEmpty, "\(found.leaks.count) leaks: \(found.leaks.prefix(40))")
    if !found.leaks.isEmpty, let keep = ProcessInfo.processInfo.environment["CANARY_KEEP"] {
      try? FileManager.default.copyItem(atPath: dir, toPath: keep)
    }
  }
}
