/// A row of the documented retry table, as a stable id used in scenarios and reports.
public enum Situation: String, CaseIterable, Sendable, Codable {
  case invalidRequest = "invalid-request"
  case invalidAPIKey = "invalid-api-key"
  case modelUnavailable = "model-unavailable"
  case accessBlocked = "access-blocked"
  case rateLimited = "rate-limited"
  case upstreamUnavailable = "upstream-unavailable"
  case interruptedStream = "interrupted-stream"
  case taskPending = "task-pending"
  case success
  case unreachable
  case undocumented
}

/// The decision the documented retry table gives a correct client.
public enum RetryDecision: String, CaseIterable, Sendable, Codable {
  case no
  case noImmediateRetry = "no-immediate-retry"
  case later
  case yes
  case usually
  case poll
}

/// One row of the retry table: where it comes from, what it decides and what a client should do.
public struct RetryRow: Sendable {
  public let situation: Situation
  /// nil for the rows the harness adds (`success`, `unreachable`, `undocumented`): the docs give no decision.
  public let decision: RetryDecision?
  /// The row's text in the documented table ("Invalid API key"), or the harness's own description.
  public let documentedSituation: String
  /// The "Retry?" column as documented ("No immediate retry").
  public let documentedRetry: String
  public let guidance: String
  /// Whether the row is quoted from AnyInt's docs (true) or added by the harness to cover every answer.
  public let isDocumented: Bool
}

/// One row of the seed page's "Common HTTP outcomes" table.
public struct StatusRow: Sendable {
  public let status: Int
  public let meaning: String
  public let typicalAction: String
  /// The retry-table situation an answer with this status (and no more specific signal) classifies as.
  public let situation: Situation
}

/// The documented retry table and status table of AnyInt's "Errors and Limits" page, as one data source.
///
/// Everything the harness says about retries (`explain`, the classifier, report guidance, `--retries`)
/// reads from here, so the wording in reports is always the documented wording.
public enum RetryTable {
  public static let source =
    "AnyInt docs, Errors and Limits: retry guidance and common HTTP outcomes"

  public static let rows: [RetryRow] = [
    RetryRow(
      situation: .invalidRequest, decision: .no,
      documentedSituation: "Invalid JSON or missing required field",
      documentedRetry: "No", guidance: "Fix the request body first.", isDocumented: true),
    RetryRow(
      situation: .invalidAPIKey, decision: .no, documentedSituation: "Invalid API key",
      documentedRetry: "No", guidance: "Rotate or correct the key before retrying.",
      isDocumented: true),
    RetryRow(
      situation: .modelUnavailable, decision: .noImmediateRetry,
      documentedSituation: "Model not available to the account",
      documentedRetry: "No immediate retry",
      guidance: "Call Models API and choose an available model.", isDocumented: true),
    RetryRow(
      situation: .accessBlocked, decision: .noImmediateRetry,
      documentedSituation: "Access blocked by subscription or policy (status table, 403)",
      documentedRetry: "No immediate retry",
      guidance: "Check entitlement, model access, or org policy.", isDocumented: true),
    RetryRow(
      situation: .rateLimited, decision: .later,
      documentedSituation: "Rate limit or quota exhausted",
      documentedRetry: "Later", guidance: "Use exponential backoff or reduce concurrency.",
      isDocumented: true),
    RetryRow(
      situation: .upstreamUnavailable, decision: .yes,
      documentedSituation: "Temporary upstream failure",
      documentedRetry: "Yes", guidance: "Retry with exponential backoff and a maximum retry count.",
      isDocumented: true),
    RetryRow(
      situation: .interruptedStream, decision: .usually, documentedSituation: "Interrupted stream",
      documentedRetry: "Usually",
      guidance: "Retry from the application level if the operation is safe to repeat.",
      isDocumented: true),
    RetryRow(
      situation: .taskPending, decision: .poll, documentedSituation: "Async task still pending",
      documentedRetry: "Poll, do not recreate",
      guidance: "Continue querying the task route instead of creating duplicate tasks.",
      isDocumented: true),
    RetryRow(
      situation: .success, decision: nil, documentedSituation: "A 2xx answer that completed",
      documentedRetry: "-", guidance: "Nothing to retry.", isDocumented: false),
    RetryRow(
      situation: .unreachable, decision: nil,
      documentedSituation: "No HTTP answer (DNS, connect, TLS, reset, timeout)",
      documentedRetry: "-",
      guidance:
        "Check the base URL, network path and TLS; the gateway never answered, so no documented row applies.",
      isDocumented: false),
    RetryRow(
      situation: .undocumented, decision: nil,
      documentedSituation: "An answer no documented row covers",
      documentedRetry: "-",
      guidance:
        "The docs give no retry decision for this answer; treat it as a finding and do not retry blindly.",
      isDocumented: false),
  ]

  public static let statusRows: [StatusRow] = [
    StatusRow(
      status: 400, meaning: "Invalid request body or missing fields",
      typicalAction: "Validate payload shape before retrying", situation: .invalidRequest),
    StatusRow(
      status: 401, meaning: "Authentication failed",
      typicalAction: "Check your API key and header style",
      situation: .invalidAPIKey),
    StatusRow(
      status: 403, meaning: "Access blocked by subscription or policy",
      typicalAction: "Check entitlement, model access, or org policy", situation: .accessBlocked),
    StatusRow(
      status: 429, meaning: "Limit reached",
      typicalAction: "Back off, retry later, or upgrade limits",
      situation: .rateLimited),
    StatusRow(
      status: 503, meaning: "Upstream temporarily unavailable",
      typicalAction: "Retry with backoff or use a fallback route", situation: .upstreamUnavailable),
  ]

  public static func row(for situation: Situation) -> RetryRow {
    // Every situation has exactly one row; the table above is checked by a test.
    rows.first { $0.situation == situation } ?? rows[rows.count - 1]
  }

  public static func statusRow(for status: Int) -> StatusRow? {
    statusRows.first { $0.status == status }
  }

  public static func decision(for situation: Situation) -> RetryDecision? {
    row(for: situation).decision
  }
}
