/// Which scenarios a fixture set cannot answer, found without sending anything.
public enum FixtureCheck {
  /// A warning for each single-request scenario (and each first step) no fixture answers, naming the nearest
  /// recording. Later steps depend on captured values, so they are only checked by running.
  public static func unanswered(
    _ scenarios: [Scenario], store: FixtureStore, variables: VariableSources,
    catalog: RouteCatalog = .anyint
  ) -> [Diagnostic] {
    let credentials = Credentials(validKey: Credentials.fixtureKey)
    var out: [Diagnostic] = []
    for s in scenarios {
      guard let spec = s.requests.first else { continue }
      var sources = variables
      sources.builtIns[VariableSources.runID] =
        sources.builtIns[VariableSources.runID] ?? "validate"
      sources.builtIns[VariableSources.callbackURL] =
        CallbackHub.offlineBaseURL + "/callbacks/validate"
      guard let resolved = try? VariableResolver(sources: sources).request(spec) else { continue }
      let request = RequestBuilder.build(
        resolved, profile: catalog.profile(resolved.family), credentials: credentials)
      if case .miss(let message) = store.match(request, keys: credentials.keyClassifier) {
        out.append(
          Diagnostic(
            .warning, at: spec.source,
            path: s.jsonPath + (s.steps.isEmpty ? ".request" : ".steps[0].request"), message))
      }
    }
    return out
  }
}
