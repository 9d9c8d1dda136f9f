/// A value together with where it was written, so a failed check can point at its field.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  public var ref: SourceRef

  public init(_ value: Value, _ ref: SourceRef) {
    self.value = value
    self.ref = ref
  }
}
