import ConformanceCore
import Foundation
import TestSupport
import Testing

@testable import ConformanceNetwork

/// Answers that URLSession crashed on or misjudged, from the fault server: heads that never end, conflicting
/// lengths, encodings, bodies past the cap and bodies that outlast the time limit.
@Suite(.serialized) struct AnswerShapeTests {
  let server: FaultServer

  init() async throws {
    server = try await FaultServer.start()
  }

  func send(
    _ target: String, headers: [(String, String)] = [], timeoutMs: Int = 20_000,
    maxBodyBytes: Int = 64 << 20
  ) async throws -> (TransportResult, Double) {
    var c = LiveTransportConfiguration(baseURL: server.baseURL)
    c.maxBodyBytes = maxBodyBytes
    let t = try LiveTransport(c)
    let watch = Stopwatch()
    let r = await t.send(
      HTTPRequest(method: "GET", target: target, headers: HTTPHeaders(headers)),
      timeout: .milliseconds(timeoutMs))
    return (r, watch.elapsedMs)
  }

  @Test(arguments: ["/status-then-close", "/head-cut"])
  func aHeadThatNeverEndsIsATruncatedAnswer(_ path: String) async throws {
    // libcurl 7.88 reports success for both; the transport must not.
    let (r, _) = try await send(path)
    guard case .failure(let f) = r else {
      Issue.record("\(path) must be a fault, got \(r)")
      return
    }
    #expect(f.kind == .truncated, "\(f)")
    #expect(f.message.contains("header section"), "\(f.message)")
  }

  @Test func conflictingContentLengthsReachTheJudgeAsTheyCame() async throws {
    let (r, _) = try await send("/conflicting-length")
    switch r {
    case .success(let reply):
      #expect(reply.response.headers.values(for: "content-length") == ["5", "7"])
    case .failure(let f):
      // A libcurl that refuses the answer must say so.
      #expect(f.message.contains("Content-Length") || f.message.contains("libcurl"), "\(f)")
    }
  }

  @Test func undecodableBrotliIsAFaultNotAnEmptySuccess() async throws {
    let (r, _) = try await send("/br-garbage", headers: [("accept-encoding", "br")])
    switch r {
    case .success(let reply):
      let fault = try #require(reply.bodyFault, "a 200 with an undecodable body must carry a fault")
      #expect(fault.kind == .badResponse)
      #expect(fault.message.contains("Content-Encoding"), "\(fault.message)")
    case .failure(let f):
      #expect(f.message.contains("Content-Encoding"), "\(f)")
    }
  }

  @Test func compressedAnswersAreDecodedOnlyWhenAsked() async throws {
    let (asked, _) = try await send("/gzip", headers: [("accept-encoding", "gzip")])
    guard case .success(let decoded) = asked else {
      Issue.record("\(asked)")
      return
    }
    #expect(String(decoding: decoded.response.body, as: UTF8.self) == #"{"decoded": true}"#)
    #expect(decoded.response.headers["content-encoding"] == "gzip", "headers stay as they came")
    let (unasked, _) = try await send("/gzip")
    guard case .success(let raw) = unasked else {
      Issue.record("\(unasked)")
      return
    }
    #expect(Array(raw.response.body.prefix(2)) == [0x1F, 0x8B], "the gzip bytes, as sent")
  }

  @Test func aGzipBombStopsAtTheCap() async throws {
    let (r, ms) = try await send(
      "/gzip-bomb?mb=64", headers: [("accept-encoding", "gzip")], timeoutMs: 60_000,
      maxBodyBytes: 4 << 20)
    guard case .success(let reply) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(reply.bodyFault?.kind == .tooLarge, "\(String(describing: reply.bodyFault))")
    #expect(
      reply.response.body.count == 4 << 20, "reading stops at the cap: \(reply.response.body.count)"
    )
    #expect(ms < 30_000)
  }

  @Test func aBodyPastTheCapStopsThereErrored() async throws {
    let (r, _) = try await send("/huge?mb=48", timeoutMs: 60_000, maxBodyBytes: 2 << 20)
    guard case .success(let reply) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(reply.bodyFault?.kind == .tooLarge)
    #expect(reply.bodyFault?.message.contains("--max-body-mb") == true)
    #expect(reply.response.body.count == 2 << 20)
    let (stream, _) = try await send("/huge-stream?mb=48", timeoutMs: 60_000, maxBodyBytes: 2 << 20)
    guard case .success(let s) = stream else {
      Issue.record("\(stream)")
      return
    }
    #expect(s.bodyFault?.kind == .tooLarge)
    #expect(s.chunks.reduce(0) { $0 + $1.bytes.count } == 2 << 20)
  }

  @Test func theTimeLimitHoldsWhileABodyIsStillArriving() async throws {
    // A body that keeps trickling in: the limit ends it, not the server.
    let (r, ms) = try await send("/drip?ms=20000", timeoutMs: 700)
    guard case .success(let reply) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(reply.bodyFault?.kind == .timeout)
    #expect(reply.bodyFault?.message.contains("700 ms") == true)
    #expect(ms >= 650 && ms < 6_000, "\(ms) ms")
  }

  @Test func noByteSequenceCrashesOrHangs() async throws {
    // Pseudo-random answers: status lines, broken lengths and encodings, binary, cut anywhere. Each one ends
    // as an answer or a fault, in time. (Seed 3278 after 3200-3234 crashed libcurl 7.88 when easy handles were
    // reused after curl_easy_reset; 6,000 seeds pass with a fresh handle per transfer.)
    let t = try LiveTransport(LiveTransportConfiguration(baseURL: server.baseURL))
    for seed in Array(0..<600) + Array(3200...3278) {
      let watch = Stopwatch()
      let r = await t.send(
        HTTPRequest(
          method: "GET", target: "/random?seed=\(seed)",
          headers: HTTPHeaders([("accept-encoding", "gzip")])),
        timeout: .milliseconds(3_000))
      #expect(watch.elapsedMs < 10_000, "seed \(seed)")
      if case .success(let reply) = r {
        #expect(reply.response.status >= 0, "seed \(seed)")
      }
    }
  }

  @Test func eventStreamsKeepTheirTimedChunks() async throws {
    let (r, _) = try await send("/sse")
    guard case .success(let reply) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(reply.chunks.count >= 2, "each event as it arrived")
    #expect(reply.chunks.flatMap(\.bytes) == reply.response.body)
    #expect(reply.httpVersion == "1.1")
    let t = try #require(reply.timings)
    #expect(t.totalMs >= t.firstByteMs && t.firstByteMs >= t.connectMs && t.connectMs >= t.dnsMs)
    #expect(t.totalMs >= 90, "three events 50 ms apart: \(t)")
  }
}
