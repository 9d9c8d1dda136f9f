import ConformanceCore
import Foundation
import MockServer
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The server as an ordinary HTTP client sees it.
extension MockServerSuites {
  @Suite(.timeLimit(.minutes(1)))
  struct URLSessionTests {
    private func request(
      _ method: String, _ path: String, port: Int, body: JSONValue? = nil,
      key: String? = TestFixtures.validKey
    ) throws -> URLRequest {
      let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
      var request = URLRequest(url: url, timeoutInterval: 10)
      request.httpMethod = method
      if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
      if let body {
        request.httpBody = Data(JSONWriter.bytes(body))
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      }
      return request
    }

    private func send(_ request: URLRequest) async throws -> (HTTPURLResponse, Data) {
      let session = URLSession(configuration: .ephemeral)
      defer { session.finishTasksAndInvalidate() }
      let (data, response) = try await session.data(for: request)
      return (try #require(response as? HTTPURLResponse), data)
    }

    @Test func getHit() async throws {
      try await withServer { _, port in
        let (response, data) = try await send(try request("GET", "/v1/models", port: port))
        #expect(response.statusCode == 200)
        #expect(response.value(forHTTPHeaderField: "x-request-id") == "req_1")
        #expect(try JSONParser.parse([UInt8](data)) == ["object": "list", "data": []])
      }
    }

    @Test func postJSONHit() async throws {
      try await withServer { _, port in
        let (response, data) = try await send(
          try request("POST", "/v1/chat/completions", port: port, body: TestFixtures.chatRequest))
        #expect(response.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == #"{"id":"chatcmpl-1"}"#)
      }
    }

    @Test func keyKindsAndMiss() async throws {
      try await withServer { _, port in
        let (invalid, invalidBody) = try await send(
          try request("GET", "/v1/models", port: port, key: "sk-wrong"))
        #expect(invalid.statusCode == 401)
        #expect(String(decoding: invalidBody, as: UTF8.self) == #"{"error":"invalid"}"#)

        let (miss, missBody) = try await send(try request("GET", "/v1/nothing", port: port))
        #expect(miss.statusCode == 404)
        let error = try JSONParser.parse([UInt8](missBody))["error"]
        #expect(error?["code"] == "no_matching_fixture")
      }
    }

    @Test func streamedBodyIsWhole() async throws {
      try await withServer(configuration { $0.honourDelays = false }) { _, port in
        let (response, data) = try await send(
          try request("POST", "/v1/chat/completions", port: port, body: TestFixtures.streamRequest))
        #expect(response.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == "data: a\n\ndata: b\n\ndata: [DONE]\n\n")
      }
    }
  }
}
