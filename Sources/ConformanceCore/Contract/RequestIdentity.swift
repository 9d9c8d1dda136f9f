import Foundation

/// "The same request": method, path, query and canonical body, with every header left out, so the headers SDKs
/// change between attempts (`x-stainless-retry-count`, dates, ids) do not make a new request.
///
/// JSON bodies compare by their canonical form (member order and whitespace do not count); a multipart body
/// compares with its boundary blanked out (clients pick a fresh one per attempt); other bodies byte for byte.
/// The identity keeps a hash of the body, never the body, so it can be logged without repeating what was sent.
public struct RequestIdentity: Sendable, Hashable, CustomStringConvertible {
  public let method: String
  public let path: String
  /// Query items, sorted.
  public let query: String
  /// FNV-1a of the canonical body, base 36; empty for no body.
  public let bodyHash: String

  public init(_ request: HTTPRequest) {
    method = request.method.uppercased()
    path = request.path
    query = QueryItem.parse(request.query).map(\.description).joined(separator: "&")
    bodyHash = request.body.isEmpty ? "" : Self.hash(Self.canonicalBody(request))
  }

  /// The body as identity compares it.
  static func canonicalBody(_ request: HTTPRequest) -> [UInt8] {
    if let json = try? JSONParser.parse(request.body) {
      return JSONWriter.bytes(json, style: .canonical)
    }
    if let type = request.headers["content-type"]?.lowercased(), type.hasPrefix("multipart/"),
      let range = type.range(of: "boundary=")
    {
      var boundary = String(
        request.headers["content-type"]?[range.upperBound...].prefix { $0 != ";" } ?? "")
      boundary.removeAll { $0 == "\"" }
      if !boundary.isEmpty {
        let text = String(decoding: request.body, as: UTF8.self)
        return Array(text.replacingAll(boundary, with: "BOUNDARY").utf8)
      }
    }
    return request.body
  }

  static func hash(_ bytes: [UInt8]) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return String(h, radix: 36)
  }

  /// `POST /path?query #bodyhash`: what reports show.
  public var description: String {
    method + " " + path + (query.isEmpty ? "" : "?" + query)
      + (bodyHash.isEmpty ? "" : " #" + bodyHash)
  }
}
