import Foundation
import Testing

@testable import ConformanceNetwork

/// Which proxy applies (option, either case of the variables, no-proxy lists) and how paths are rewritten.
struct ConnectionSettingsTests {
  struct ProxyCase: Sendable, CustomStringConvertible {
    var name: String
    var option: String?
    var noProxy: String?
    var environment: [String: String]
    var target: String
    /// The proxy shown in reports, or nil for a direct connection.
    var expected: String?
    var source: String?
    var description: String { name }
  }

  static let proxyCases: [ProxyCase] = [
    ProxyCase(
      name: "nothing set", environment: [:], target: "https://gw.example", expected: nil),
    ProxyCase(
      name: "HTTPS_PROXY for https", environment: ["HTTPS_PROXY": "http://p:3128"],
      target: "https://gw.example", expected: "http://p:3128", source: "HTTPS_PROXY"),
    ProxyCase(
      name: "https_proxy lowercase wins",
      environment: ["https_proxy": "http://a:1", "HTTPS_PROXY": "http://b:2"],
      target: "https://gw.example", expected: "http://a:1", source: "https_proxy"),
    ProxyCase(
      name: "uppercase HTTP_PROXY honoured for http", environment: ["HTTP_PROXY": "http://p:8080"],
      target: "http://gw.example", expected: "http://p:8080", source: "HTTP_PROXY"),
    ProxyCase(
      name: "HTTP_PROXY does not apply to https", environment: ["HTTP_PROXY": "http://p:8080"],
      target: "https://gw.example", expected: nil),
    ProxyCase(
      name: "--proxy beats the environment", option: "http://opt:1",
      environment: ["HTTPS_PROXY": "http://env:2"], target: "https://gw.example",
      expected: "http://opt:1",
      source: "--proxy"),
    ProxyCase(
      name: "--proxy '' turns it off", option: "", environment: ["HTTPS_PROXY": "http://env:2"],
      target: "https://gw.example", expected: nil),
    ProxyCase(
      name: "a bare host:port is http://", option: "p.example:3128", environment: [:],
      target: "https://gw.example", expected: "http://p.example:3128", source: "--proxy"),
    ProxyCase(
      name: "credentials are never shown", option: "http://user:pa55word@p:3128", environment: [:],
      target: "https://gw.example", expected: "http://p:3128", source: "--proxy"),
    ProxyCase(
      name: "NO_PROXY exempts a subdomain",
      environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "example"],
      target: "https://gw.example", expected: nil),
    ProxyCase(
      name: "no_proxy with a leading dot",
      environment: ["HTTPS_PROXY": "http://p:1", "no_proxy": ".example"],
      target: "https://gw.example", expected: nil),
    ProxyCase(
      name: "NO_PROXY for another host",
      environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "other.example"],
      target: "https://gw.example", expected: "http://p:1", source: "HTTPS_PROXY"),
    ProxyCase(
      name: "--noproxy * beats the environment", option: "http://p:1", noProxy: "*",
      environment: [:],
      target: "https://gw.example", expected: nil),
    ProxyCase(
      name: "a CIDR range", option: "http://p:1", noProxy: "10.0.0.0/8, localhost",
      environment: [:],
      target: "http://10.2.3.4:8080", expected: nil),
    ProxyCase(
      name: "outside the CIDR range", option: "http://p:1", noProxy: "10.0.0.0/8", environment: [:],
      target: "http://11.2.3.4:8080", expected: "http://p:1", source: "--proxy"),
  ]

  @Test(arguments: proxyCases) func whichProxy(_ c: ProxyCase) throws {
    let target = try #require(URL(string: c.target))
    let setting = try ProxySetting.resolve(
      option: c.option, noProxy: c.noProxy, environment: c.environment, target: target
    ).get()
    #expect(setting?.display == c.expected)
    #expect(setting?.source == c.source)
  }

  @Test(arguments: [
    ("ftp://p:21", "scheme 'ftp'"), ("http://", "not a URL with a host"),
    ("http://p:1/path", "without a path"),
  ])
  func unusableProxies(_ raw: String, _ says: String) throws {
    let target = try #require(URL(string: "https://gw.example"))
    let r = ProxySetting.resolve(option: raw, noProxy: nil, environment: [:], target: target)
    guard case .failure(let e) = r else {
      Issue.record("\(raw) must be refused")
      return
    }
    #expect(e.message.contains(says), "\(e.message)")
    #expect(e.message.contains("--proxy"))
  }

  @Test(arguments: [
    ("/openai/v1=/v1", "/openai/v1/models?x=/openai/v1", "/v1/models?x=/openai/v1"),
    ("/openai=", "/openai/v1/models", "/v1/models"),
    ("/openai/=/", "/openai/v1/models", "/v1/models"),
    ("/openai=/x", "/openaix/v1", "/openaix/v1"),
    ("/openai=/x", "/openai", "/x"),
    ("/openai=", "/openai?q=1", "/?q=1"),
    ("/=/prefix", "/v1/models", "/prefix/v1/models"),
  ])
  func rewrites(_ rule: String, _ target: String, _ sent: String) throws {
    let r = try PathRewrite.parse(rule).get()
    #expect(PathRewrite.apply([r], to: target) == sent)
  }

  @Test func theFirstMatchingRuleApplies() throws {
    let rules = try ["/openai/v1=/v1", "/openai=/other"].map { try PathRewrite.parse($0).get() }
    #expect(PathRewrite.apply(rules, to: "/openai/v1/models") == "/v1/models")
    #expect(PathRewrite.apply(rules, to: "/openai/files") == "/other/files")
    #expect(PathRewrite.apply(rules, to: "/anthropic/v1/messages") == "/anthropic/v1/messages")
  }

  @Test(arguments: ["openai=/v1", "/openai", "/a=v1", "/a b=/c", "/a?x=/b"])
  func badRewrites(_ raw: String) {
    guard case .failure(let e) = PathRewrite.parse(raw) else {
      Issue.record("\(raw) must be refused")
      return
    }
    #expect(e.message.hasPrefix("--rewrite-path"))
  }
}
