import ConformanceCore
import Foundation

/// Where a field is written: scenario-level exchanges carry headers (steps do not), and a passed exchange
/// leaves out its body excerpt.
struct ReportContext: Sendable {
  var headers: Bool
  var outcome: Outcome
}

/// One field of `report.json`: its key, how it is written (nil leaves the key out) and how it is read back.
/// The writer and the reader both walk the same tables (`ReportFields`), so they cannot drift apart.
struct ReportField<Root>: Sendable {
  let key: String
  let write: @Sendable (Root, ReportContext) -> JSONValue?
  let read: @Sendable (inout Root, JSONValue) -> Void

  init(
    _ key: String, write: @escaping @Sendable (Root, ReportContext) -> JSONValue?,
    read: @escaping @Sendable (inout Root, JSONValue) -> Void = { _, _ in }
  ) {
    self.key = key
    self.write = write
    self.read = read
  }

  /// A field stored at a key path, written and read with a codec.
  static func value<V>(
    _ key: String, _ path: WritableKeyPath<Root, V> & Sendable, _ codec: ReportCodec<V>
  ) -> ReportField {
    ReportField(
      key, write: { root, context in codec.encode(root[keyPath: path], context) },
      read: { root, v in
        if let value = codec.decode(v) { root[keyPath: path] = value }
      })
  }

  /// A field of a part (the exchange record of a scenario or step), for the whole.
  func lifted<Whole>(_ path: WritableKeyPath<Whole, Root> & Sendable) -> ReportField<Whole> {
    let (write, read) = (self.write, self.read)
    return ReportField<Whole>(
      key, write: { whole, context in write(whole[keyPath: path], context) },
      read: { whole, v in read(&whole[keyPath: path], v) })
  }
}

/// How one kind of value is written to JSON and read back (nil: the JSON does not hold one).
struct ReportCodec<V>: Sendable {
  let encode: @Sendable (V, ReportContext) -> JSONValue
  let decode: @Sendable (JSONValue) -> V?

  init(
    encode: @escaping @Sendable (V, ReportContext) -> JSONValue,
    decode: @escaping @Sendable (JSONValue) -> V?
  ) {
    self.encode = encode
    self.decode = decode
  }

  /// A codec whose writing does not depend on where the value is.
  init(
    plain encode: @escaping @Sendable (V) -> JSONValue,
    decode: @escaping @Sendable (JSONValue) -> V?
  ) {
    self.init(encode: { v, _ in encode(v) }, decode: decode)
  }
}

extension ReportCodec where V == String {
  static let string = ReportCodec(plain: { .string($0) }, decode: { $0.stringValue })
}

extension ReportCodec where V == Int {
  static let int = ReportCodec(plain: { .number(Double($0)) }, decode: { $0.intValue })
}

extension ReportCodec where V == Bool {
  static let bool = ReportCodec(plain: { .bool($0) }, decode: { $0.boolValue })
}

extension ReportCodec where V == Double {
  /// Whole milliseconds, rounded to nearest: report v1 writes timings as integers.
  static let ms = ReportCodec(plain: { JSONReport.ms($0) }, decode: { $0.numberValue })
}

extension ReportCodec where V == [String] {
  static let strings = ReportCodec(
    plain: { .array($0.map(JSONValue.string)) },
    decode: { $0.arrayValue?.compactMap(\.stringValue) })
}

extension ReportCodec {
  /// A value or `null`.
  static func optional<W>(_ codec: ReportCodec<W>) -> ReportCodec<W?> where V == W? {
    ReportCodec(
      encode: { v, context in v.map { codec.encode($0, context) } ?? .null },
      decode: { v in v == .null ? .some(nil) : codec.decode(v).map { .some($0) } })
  }

  /// An enumeration by its raw value.
  static func raw() -> ReportCodec where V: RawRepresentable<String> & Sendable {
    ReportCodec(
      plain: { .string($0.rawValue) }, decode: { $0.stringValue.flatMap { V(rawValue: $0) } })
  }

  /// An object written and read with a field table, starting from a default value.
  static func object(_ fields: [ReportField<V>], empty: V) -> ReportCodec where V: Sendable {
    ReportCodec(
      encode: { v, context in .object(ReportFields.write(fields, v, context)) },
      decode: { v in
        guard v.objectValue != nil else { return nil }
        var out = empty
        ReportFields.read(fields, from: v, into: &out)
        return out
      })
  }

  /// An array of values.
  static func array<E>(_ codec: ReportCodec<E>) -> ReportCodec where V == [E] {
    ReportCodec(
      encode: { v, context in .array(v.map { codec.encode($0, context) }) },
      decode: { $0.arrayValue?.compactMap(codec.decode) })
  }
}
