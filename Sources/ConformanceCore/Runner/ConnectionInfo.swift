/// How a live run reached its target, as report.json's `target` records it.
public struct ConnectionInfo: Sendable, Equatable {
  /// The proxy in use, as `scheme://host:port` (credentials never), or nil for a direct connection.
  public var proxy: String?
  /// `-k/--insecure`: the gateway's certificate was not verified.
  public var insecure: Bool
  /// `--rewrite-path FROM=TO` rules, in order.
  public var rewrites: [Rewrite]

  public struct Rewrite: Sendable, Equatable {
    public var from: String
    public var to: String
    public init(from: String, to: String) {
      self.from = from
      self.to = to
    }
  }

  public init(proxy: String? = nil, insecure: Bool = false, rewrites: [Rewrite] = []) {
    self.proxy = proxy
    self.insecure = insecure
    self.rewrites = rewrites
  }
}
