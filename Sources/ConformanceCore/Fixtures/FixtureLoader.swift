import Foundation

/// Loads a fixture set from a directory: every `*.fixture.json` below it, in sorted path order.
///
/// A subdirectory holding a `fixture-set.json` file is a separate set (another gateway's behaviour, say) and
/// is only loaded when named directly, so variant sets can live under `Fixtures/` beside the default one.
public enum FixtureLoader {
  public static let fileSuffix = ".fixture.json"
  public static let setMarker = "fixture-set.json"

  public static func load(
    directory: String, catalog: RouteCatalog = .anyint, fileManager: FileManager = .default
  ) -> (
    store: FixtureStore, diagnostics: [Diagnostic]
  ) {
    var isDir: ObjCBool = false
    guard fileManager.fileExists(atPath: directory, isDirectory: &isDir) else {
      return (
        FixtureStore(fixtures: []),
        [
          Diagnostic(
            at: SourceRef(file: directory, line: 0, column: 0), path: "",
            "fixture directory not found; pass --fixtures DIR")
        ]
      )
    }
    let files: [String]
    var diagnostics: [Diagnostic] = []
    if isDir.boolValue {
      let walked = walk(directory)
      files = walked.files
      for problem in walked.problems {
        diagnostics.append(
          Diagnostic(at: SourceRef(file: directory, line: 0, column: 0), path: "", problem))
      }
    } else {
      files = [directory]
    }
    var fixtures: [Fixture] = []
    var firstByID: [String: SourceRef] = [:]
    for file in files {
      guard let data = fileManager.contents(atPath: file) else {
        diagnostics.append(
          Diagnostic(
            at: SourceRef(file: file, line: 0, column: 0), path: "", "cannot read the fixture file")
        )
        continue
      }
      let decoded = FixtureDecoder.decode(path: file, bytes: [UInt8](data), catalog: catalog)
      diagnostics.append(contentsOf: decoded.diagnostics)
      for f in decoded.fixtures {
        if let first = firstByID[f.id] {
          diagnostics.append(
            Diagnostic(
              at: f.source, path: "$.id", "duplicate fixture id \"\(f.id)\" (first at \(first))"))
          continue
        }
        firstByID[f.id] = f.source
        fixtures.append(f)
      }
    }
    // Two fixtures for the very same requests: only the first can ever answer, which is rarely meant.
    var bySignature: [String: Fixture] = [:]
    for f in fixtures {
      let signature = Self.signature(of: f)
      if let first = bySignature[signature] {
        diagnostics.append(
          Diagnostic(
            .warning, at: f.source, path: "$.request",
            "fixture \"\(f.id)\" answers exactly the requests \"\(first.id)\" (\(first.source)) answers, so it is never used; make the requests differ or remove one"
          ))
      } else {
        bySignature[signature] = f
      }
    }
    for f in fixtures {
      if let creator = f.createdBy, firstByID[creator] == nil {
        diagnostics.append(
          Diagnostic(
            at: f.source, path: "$.createdBy",
            "createdBy names \"\(creator)\", which is no fixture id in this set"))
      }
    }
    return (FixtureStore(fixtures: fixtures), diagnostics)
  }

  /// What a fixture answers: two fixtures with the same signature answer exactly the same requests, so only
  /// the first is ever used.
  public static func signature(of f: Fixture) -> String {
    let r = f.request
    var signature = "\(r.method) \(r.target) \(r.auth.rawValue) \(r.key.rawValue) "
    signature += r.headers.sorted { $0.name < $1.name }.map {
      "\($0.name)=\($0.value ?? "<absent>")"
    }.joined(separator: ",")
    switch r.body {
    case .none: signature += " -"
    case .any: signature += " *"
    case .raw(let b): signature += " raw:" + String(decoding: b, as: UTF8.self)
    case .json(_, let c): signature += " json:" + c
    case .jsonPattern(let v): signature += " pattern:" + JSONWriter.string(v, style: .canonical)
    }
    return signature + " \(f.createdBy ?? "")"
  }

  /// The fixture files of a set, skipping nested sets and hidden directories.
  public static func fixtureFiles(in directory: String, fileManager: FileManager = .default)
    -> [String]
  {
    walk(directory).files
  }

  /// The walk of a set's directory: symlinks followed once, bounded, nested sets left out.
  static func walk(_ directory: String) -> DirectoryWalk.Result {
    DirectoryWalk().files(
      under: directory, include: { $0.hasSuffix(fileSuffix) },
      descend: { _, names in !names.contains(setMarker) })
  }
}
