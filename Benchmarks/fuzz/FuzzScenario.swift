import ConformanceCore

/// The scenario decoder: never traps; every problem is located in the file and prints on one line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let decoded = ScenarioDecoder.decode(path: "fuzz.json", bytes: FuzzCheck.bytes(data, size))
  FuzzCheck.located(decoded.diagnostics, file: "fuzz.json")
  if decoded.diagnostics.isEmpty {
    FuzzCheck.require(!decoded.scenarios.isEmpty || size < 3, "no scenario and no problem")
  }
  return 0
}
