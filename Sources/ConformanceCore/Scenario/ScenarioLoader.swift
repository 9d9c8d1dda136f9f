import Foundation

/// The scenarios found under some paths, with the default variables that apply to them.
public struct ScenarioSuite: Sendable {
  public var scenarios: [Scenario]
  /// The `variables.json` files read, in the order their values were merged.
  public var variableFiles: [String]
  public var fileVariables: [String: String]
  /// The values of the `--variables-file` files, merged (a later file wins).
  public var optionFileVariables: [String: String] = [:]
  public var fileCount: Int

  public init(
    scenarios: [Scenario] = [], variableFiles: [String] = [], fileVariables: [String: String] = [:],
    fileCount: Int = 0
  ) {
    self.scenarios = scenarios
    self.variableFiles = variableFiles
    self.fileVariables = fileVariables
    self.fileCount = fileCount
  }
}

/// Finds scenario files, decodes them, and checks what only the whole suite can show (duplicate ids, variables).
public enum ScenarioLoader {
  public static let variablesFileName = "variables.json"

  /// Whether a file under a scenario directory is a scenario file (not variables, not a JSON Schema).
  public static func isScenarioFile(_ name: String) -> Bool {
    name.hasSuffix(".json") && name != variablesFileName && !name.hasSuffix(".schema.json")
      && !name.hasPrefix(".")
  }

  /// Expands paths into scenario files (directories recursively, sorted) and finds the `variables.json` that
  /// applies: the nearest one at or above each path, looking no higher than the current directory.
  public static func discover(_ paths: [String], fileManager: FileManager = .default) -> (
    files: [String], variableFiles: [String], diagnostics: [Diagnostic]
  ) {
    var files: [String] = []
    var seen = Set<String>()
    var variableFiles: [String] = []
    var diagnostics: [Diagnostic] = []
    let cwd = fileManager.currentDirectoryPath
    for path in paths {
      var isDir: ObjCBool = false
      guard fileManager.fileExists(atPath: path, isDirectory: &isDir) else {
        diagnostics.append(
          Diagnostic(
            at: SourceRef(file: path, line: 0, column: 0), path: "",
            "no such file or directory; give a scenario file or a directory of them"))
        continue
      }
      if isDir.boolValue {
        // Symlinked directories are followed once each, and the walk is bounded (/proc/self/root is "/").
        let walked = DirectoryWalk().files(under: path, include: isScenarioFile)
        for problem in walked.problems {
          diagnostics.append(
            Diagnostic(at: SourceRef(file: path, line: 0, column: 0), path: "", problem))
        }
        // Sorted by relative path, the order the suite has always run in.
        for full in walked.files.sorted() where seen.insert(full).inserted {
          files.append(full)
        }
      } else if seen.insert(path).inserted {
        files.append(path)
      }
      if let v = nearestVariablesFile(
        for: path, isDirectory: isDir.boolValue, cwd: cwd, fileManager: fileManager),
        !variableFiles.contains(v)
      {
        variableFiles.append(v)
      }
    }
    return (files, variableFiles, diagnostics)
  }

  static func nearestVariablesFile(
    for path: String, isDirectory: Bool, cwd: String, fileManager: FileManager
  ) -> String? {
    let absolute = path.hasPrefix("/") ? path : cwd + "/" + path
    var dir = URL(fileURLWithPath: absolute).standardizedFileURL
    if !isDirectory { dir.deleteLastPathComponent() }
    let stop = URL(fileURLWithPath: cwd).standardizedFileURL.path
    // Inside the current directory, walk up to it; outside (a suite in a temporary folder), look only beside the path.
    let inside = dir.path == stop || dir.path.hasPrefix(stop + "/")
    while true {
      let candidate = dir.appendingPathComponent(variablesFileName).path
      if fileManager.fileExists(atPath: candidate) {
        return relativeIfInside(candidate, cwd: stop)
      }
      if !inside || dir.path == stop || dir.path == "/" { return nil }
      dir.deleteLastPathComponent()
    }
  }

  static func relativeIfInside(_ path: String, cwd: String) -> String {
    path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
  }

  /// Loads and checks a suite. Scenarios with problems are left out; the diagnostics say why.
  public static func load(
    paths: [String], variables: VariableSources, catalog: RouteCatalog = .anyint,
    fileManager: FileManager = .default
  ) -> (
    suite: ScenarioSuite, diagnostics: [Diagnostic]
  ) {
    var collector = DiagnosticCollector()
    let found = discover(paths, fileManager: fileManager)
    collector.append(contentsOf: found.diagnostics)
    var suite = ScenarioSuite(variableFiles: found.variableFiles, fileCount: found.files.count)
    for vf in variables.optionFilePaths {
      guard let bytes = readFile(vf) else {
        collector.append(
          Diagnostic(
            at: SourceRef(file: vf, line: 0, column: 0), path: "",
            "cannot read the --variables-file (does it exist?)"))
        continue
      }
      let decoded = VariableSources.decodeFile(path: vf, bytes: bytes)
      collector.append(contentsOf: decoded.diagnostics)
      suite.optionFileVariables.merge(decoded.values) { _, later in later }
    }
    for vf in found.variableFiles {
      guard let bytes = readFile(vf) else {
        collector.append(
          Diagnostic(
            at: SourceRef(file: vf, line: 0, column: 0), path: "", "cannot read the variables file")
        )
        continue
      }
      let decoded = VariableSources.decodeFile(path: vf, bytes: bytes)
      collector.append(contentsOf: decoded.diagnostics)
      suite.fileVariables.merge(decoded.values) { first, _ in first }
    }
    if found.files.isEmpty && found.diagnostics.isEmpty {
      for p in paths {
        collector.append(
          Diagnostic(
            at: SourceRef(file: p, line: 0, column: 0), path: "", "holds no scenario files (*.json)"
          ))
      }
    }
    var firstByID: [String: SourceRef] = [:]
    var orphanUses: [VariableUse] = []
    // Files are read and decoded on every core (each on its own); what needs the whole suite (duplicate ids,
    // variables) is checked after, in file order, so the result is the same as one file after another.
    let files = found.files
    let decodedFiles = Parallel.map(files.count) { i in
      readFile(files[i]).map { ScenarioDecoder.decode(path: files[i], bytes: $0, catalog: catalog) }
    }
    for (file, decoded) in zip(files, decodedFiles) {
      guard let decoded else {
        collector.append(
          Diagnostic(
            at: SourceRef(file: file, line: 0, column: 0), path: "",
            "cannot read the file (check its permissions)"))
        continue
      }
      collector.append(contentsOf: decoded.diagnostics)
      orphanUses += decoded.orphanUses
      for s in decoded.scenarios {
        let at = s.idRef ?? s.source
        if let first = firstByID[s.id] {
          collector.error(
            "duplicate scenario id \"\(s.id)\" (first defined at \(first)); ids must be unique in the suite",
            at: at, path: s.jsonPath + ".id")
          continue
        }
        firstByID[s.id] = at
        suite.scenarios.append(s)
      }
    }
    var sources = variables
    sources.file = suite.fileVariables
    sources.optionFiles = suite.optionFileVariables
    let read = variables.optionFilePaths + found.variableFiles
    collector.append(
      contentsOf: unresolvedVariables(in: suite.scenarios, sources: sources, filesRead: read))
    collector.append(
      contentsOf: unresolvedVariables(in: orphanUses, sources: sources, filesRead: read))
    Platform.releaseFreedMemory()
    return (suite, collector.sorted)
  }

  /// Every `${name}` no source can resolve, reported where it was written.
  public static func unresolvedVariables(
    in scenarios: [Scenario], sources: VariableSources, filesRead: [String] = []
  ) -> [Diagnostic] {
    unresolvedVariables(
      in: scenarios.flatMap(\.variableUses), sources: sources, filesRead: filesRead)
  }

  /// `filesRead`: the variables files whose values were looked in, named by the message.
  static func unresolvedVariables(
    in uses: [VariableUse], sources: VariableSources, filesRead: [String]
  ) -> [Diagnostic] {
    var out: [Diagnostic] = []
    let defined = sources.definedNames
    let read =
      filesRead.isEmpty
      ? "no variables file was read (none beside or above the scenarios, no --variables-file)"
      : "variables files read: " + filesRead.joined(separator: ", ")
    for use in uses where sources.lookup(use.name) == nil && use.name != VariableSources.runID {
      if use.name == VariableSources.callbackURL {
        out.append(
          Diagnostic(
            at: use.ref, path: use.path,
            "${callback_url} is only set while a webhook step runs; this scenario has no webhook step"
          ))
        continue
      }
      let guess = DecodeContext.closest(to: use.name, in: defined).map {
        " (did you mean ${\($0)}?)"
      }
      out.append(
        Diagnostic(
          at: use.ref, path: use.path,
          "unresolved variable ${\(use.name)}\(guess ?? ""); define it in variables.json or a --variables-file, pass --var \(use.name)=VALUE, or set \(VariableSources.environmentName(for: use.name)); \(read)"
        ))
    }
    return out
  }

  static func readFile(_ path: String) -> [UInt8]? {
    Platform.readFile(path)
  }
}
