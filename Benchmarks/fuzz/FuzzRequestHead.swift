import ConformanceCore

/// `mock serve`'s request-head parser: never traps on any head, refusing or parsing it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestHead(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  var bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // The reader hands the parser a head that ends with the empty line; cut or complete the input so.
  if let end = headEnd(bytes) { bytes = Array(bytes[..<end]) } else { bytes += [13, 10, 13, 10] }
  if let head = try? RequestHeadParser.parse(bytes[...], maxBodyBytes: 1 << 20) {
    FuzzCheck.require(!head.method.isEmpty, "a parsed head without a method")
  }
  return 0
}

func headEnd(_ b: [UInt8]) -> Int? {
  var i = 0
  while i + 1 < b.count {
    if b[i] == 10 && b[i + 1] == 10 { return i + 2 }
    if i + 3 < b.count && b[i] == 13 && b[i + 1] == 10 && b[i + 2] == 13 && b[i + 3] == 10 {
      return i + 4
    }
    i += 1
  }
  return nil
}

/// The one MockServer type RequestHead.swift needs beyond the parser (this module compiles only the head
/// files): the refusal's answer, unused here.
enum FixtureResponder {
  static func errorResponse(status: Int, message: String, type: String, code: String)
    -> FixtureResponse
  {
    FixtureResponse(status: status)
  }
}
