import ConformanceCore

/// The fixture decoder: never traps; every problem is located in the file and prints on one line; a store
/// built from what it accepts answers a request without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFixture(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let decoded = FixtureDecoder.decode(path: "fuzz.fixture.json", bytes: FuzzCheck.bytes(data, size))
  FuzzCheck.located(decoded.diagnostics, file: "fuzz.fixture.json")
  guard let first = decoded.fixtures.first else { return 0 }
  let store = FixtureStore(fixtures: decoded.fixtures)
  let keys = KeyClassifier(validKey: "fuzz-key-0123456789")
  let request = HTTPRequest(method: first.request.method, target: first.request.target)
  _ = store.respond(to: request, keys: keys, session: FixtureSession())
  return 0
}
