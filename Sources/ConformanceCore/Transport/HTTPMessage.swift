/// HTTP header fields in the order they were added; names compare case-insensitively.
public struct HTTPHeaders: Sendable, Equatable, Sequence {
  public struct Field: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  public private(set) var fields: [Field]

  public init(_ fields: [Field] = []) { self.fields = fields }

  public init(_ pairs: [(String, String)]) {
    fields = pairs.map { Field(name: $0.0, value: $0.1) }
  }

  public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

  public var isEmpty: Bool { fields.isEmpty }

  /// The first value of a header, or nil.
  public subscript(name: String) -> String? {
    fields.first { HTTPHeaders.sameName($0.name, name) }?.value
  }

  /// ASCII case-insensitive comparison of header names, without allocating lower-cased copies (this runs for
  /// every header lookup of every request the mock server answers).
  @inline(__always)
  public static func sameName(_ a: String, _ b: String) -> Bool {
    var i = a.utf8.makeIterator()
    var j = b.utf8.makeIterator()
    while true {
      switch (i.next(), j.next()) {
      case (nil, nil): return true
      case (let x?, let y?):
        if x == y { continue }
        let lx = x >= 65 && x <= 90 ? x + 32 : x
        let ly = y >= 65 && y <= 90 ? y + 32 : y
        if lx != ly { return false }
      default: return false
      }
    }
  }

  public func contains(_ name: String) -> Bool { self[name] != nil }

  /// Every value of a header, in order.
  public func values(for name: String) -> [String] {
    fields.filter { HTTPHeaders.sameName($0.name, name) }.map(\.value)
  }

  /// Replaces every field of that name with one field.
  public mutating func set(_ name: String, _ value: String) {
    remove(name)
    fields.append(Field(name: name, value: value))
  }

  public mutating func add(_ name: String, _ value: String) {
    fields.append(Field(name: name, value: value))
  }

  public mutating func remove(_ name: String) {
    fields.removeAll { HTTPHeaders.sameName($0.name, name) }
  }
}

/// A request as the runner sends it: method, request target (path and query), headers and body bytes.
public struct HTTPRequest: Sendable, Equatable {
  public var method: String
  /// Path and query, starting with `/`; joined to the target's base URL by live transports.
  public var target: String
  public var headers: HTTPHeaders
  public var body: [UInt8]

  public init(
    method: String, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
  ) {
    self.method = method
    self.target = target
    self.headers = headers
    self.body = body
  }

  public var path: String {
    if let q = target.firstIndex(of: "?") { return String(target[..<q]) }
    return target
  }

  public var query: String? {
    if let q = target.firstIndex(of: "?") { return String(target[target.index(after: q)...]) }
    return nil
  }
}

/// A response as seen on the wire: status, headers and body, with nothing followed or decoded.
public struct HTTPResponse: Sendable, Equatable {
  public var status: Int
  public var headers: HTTPHeaders
  public var body: [UInt8]

  public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }
}
