/// The tool's name and version, as reports and the user agent state them.
public enum ToolInfo {
  public static let name = "anyint-conformance"
  public static let version = "0.1.0"
}
