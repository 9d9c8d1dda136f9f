import ConformanceCore

/// The JSON parser: never traps; what it accepts, written back and parsed again, is the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = FuzzCheck.bytes(data, size)
  guard let value = try? JSONParser.parse(bytes) else { return 0 }
  _ = try? JSONParser.parseNode(bytes)
  for style in [JSONWriter.Style.compact, .pretty, .canonical] {
    let again = try? JSONParser.parse(JSONWriter.bytes(value, style: style))
    FuzzCheck.require(again == value, "\(style) round trip changed the value")
  }
  return 0
}
