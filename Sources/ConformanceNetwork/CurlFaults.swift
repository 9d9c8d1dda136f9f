import ConformanceCore
import Foundation

/// One-line, actionable messages for every way a libcurl transfer can fail: what failed, where (the gateway or
/// the proxy in front of it), and what to change.
struct CurlFaults {
  let configuration: LiveTransportConfiguration
  let limitMs: Int
  let hostPort: String

  private var proxy: ProxySetting? { configuration.proxy }

  /// The proxy as messages name it: "the proxy http://p:3128 (from HTTPS_PROXY)".
  private var proxyName: String {
    guard let proxy else { return "the proxy" }
    return "the proxy \(proxy.display) (from \(proxy.source))"
  }

  /// libcurl 7.88 reports success for an answer whose header section never ended: a truncated answer.
  func unfinishedHead(sawStatusLine: Bool) -> TransportFault {
    TransportFault(
      .truncated,
      sawStatusLine
        ? "\(hostPort) closed the connection inside the answer's header section (the blank line that ends it never came): a truncated answer"
        : "\(hostPort) closed the connection without a complete HTTP answer")
  }

  func tooLarge() -> TransportFault {
    let mib = configuration.maxBodyBytes >> 20
    let size = mib > 0 ? "\(mib) MiB" : "\(configuration.maxBodyBytes) bytes"
    return TransportFault(
      .tooLarge,
      "the body passed \(size); the harness stopped reading it (raise the cap with --max-body-mb N)"
    )
  }

  /// `osErrno` is the system's error number for the last socket failure (ECONNREFUSED and the like).
  /// `handshakeDone`: libcurl finished its side of a TLS handshake (with the server or a TLS proxy).
  func fault(
    code: Int32, detail: String, hadHead: Bool, connectCode: Int, osErrno: Int = 0,
    handshakeDone: Bool = false, bodyBytes: Int = 0
  ) -> TransportFault {
    if proxy != nil,
      let f = proxyFault(
        code: code, detail: detail, connectCode: connectCode, osErrno: osErrno)
    {
      return f
    }
    switch code {
    case CurlCode.couldNotResolveHost:
      return TransportFault(
        .dns,
        "cannot resolve \(configuration.baseURL.host ?? hostPort) (DNS); check --base-url / ANYINT_BASE_URL and your network"
      )
    case CurlCode.couldNotConnect:
      if osErrno == Int(ECONNREFUSED) || detail.contains("refused") {
        return TransportFault(
          .connectionRefused,
          "connection to \(hostPort) refused; is the gateway up and the port right?")
      }
      if osErrno == Int(ETIMEDOUT) || detail.localizedLowercase.contains("timed out")
        || detail.contains("Timeout")
      {
        return connectTimeout()
      }
      if osErrno == Int(ENETUNREACH) || osErrno == Int(EHOSTUNREACH) {
        return TransportFault(
          .connectionRefused, "no network route to \(hostPort); check the address and your network")
      }
      return TransportFault(
        .connectionRefused,
        "cannot connect to \(hostPort) (\(detail)); check the address and your network")
    case CurlCode.operationTimedOut:
      if !hadHead,
        ["Connection timed out", "Resolving timed out", "Failed to connect"].contains(where: {
          detail.hasPrefix($0)
        })
      {
        return connectTimeout()
      }
      return hadHead
        ? TransportFault(
          .timeout,
          "the answer did not finish within \(limitMs) ms: the headers arrived, the body was not complete (\(bodyBytes) bytes by then)"
        )
        : TransportFault(.timeout, "no answer within \(limitMs) ms")
    case CurlCode.peerFailedVerification where detail.contains("subject name"):
      return TransportFault(
        .tls,
        "TLS with \(hostPort) failed: its certificate is for another host name (\(detail)); use a host name the certificate names in --base-url, or -k/--insecure (testing only)"
      )
    case CurlCode.peerFailedVerification:
      return TransportFault(
        .tls,
        "TLS with \(hostPort) failed: its certificate is not trusted (\(detail)); pass --cacert FILE with the CA that signed it, or -k/--insecure to skip verification (testing only)"
      )
    case CurlCode.sslCACertBadFile:
      return TransportFault(
        .tls,
        "cannot use the CA bundle (\(detail)); --cacert takes a readable PEM file of CA certificates"
      )
    case CurlCode.sslCertProblem, CurlCode.sslClientCert:
      return TransportFault(
        .tls,
        "the client certificate or key could not be used (\(detail)); check --cert FILE and --key FILE (PEM, key unencrypted)"
      )
    case CurlCode.sslConnectError, CurlCode.sslCipher, CurlCode.sslIssuerError,
      CurlCode.sslPinnedPubKeyNotMatch, CurlCode.sslInvalidCertStatus, CurlCode.sslCRLBadFile,
      CurlCode.sslEngineNotFound, CurlCode.sslShutdownFailed:
      return TransportFault(
        .tls,
        "TLS with \(hostPort) failed (\(detail)); check that the URL's scheme matches the port (https:// to a TLS port), the server's certificate, and --cert/--key if it asks for a client certificate"
      )
    case CurlCode.sendError where !hadHead && refusedAfterHandshake(detail, handshakeDone),
      CurlCode.recvError where !hadHead && refusedAfterHandshake(detail, handshakeDone),
      CurlCode.gotNothing where !hadHead && refusedAfterHandshake(detail, handshakeDone):
      // TLS 1.3 servers check the client certificate after the client's side of the handshake is done, then
      // send an alert and close: depending on timing libcurl reads the alert or finds the socket gone.
      let hint =
        detail.contains("certificate required") || configuration.clientCertificate == nil
        ? "a server that wants a client certificate does this: pass --cert FILE and --key FILE"
        : "check that the server accepts the client certificate given with --cert (its CA, its dates)"
      return TransportFault(
        .tls,
        "TLS with \(hostPort) failed: the server ended the connection at the handshake (\(detail)); \(hint)"
      )
    case CurlCode.gotNothing:
      return TransportFault(
        .connectionReset, "\(hostPort) closed the connection without answering (empty reply)")
    case CurlCode.sendError:
      return TransportFault(
        .connectionReset,
        "\(hostPort) closed or reset the connection while the request was being sent (\(detail))")
    case CurlCode.recvError, CurlCode.partialFile:
      return hadHead
        ? TransportFault(
          .truncated, "\(hostPort) closed the connection before the body was complete (\(detail))")
        : TransportFault(
          .connectionReset,
          "\(hostPort) closed or reset the connection without answering (\(detail))")
    case CurlCode.weirdServerReply:
      return TransportFault(
        .badResponse,
        "\(hostPort) answered with bytes that are not a valid HTTP answer (\(detail)); is this the gateway's HTTP port?"
      )
    case CurlCode.unsupportedProtocol:
      if detail.contains("HTTP/0.9") {
        return TransportFault(
          .badResponse,
          "\(hostPort) answered with bytes that are not HTTP (no status line); is this the gateway's HTTP port?"
        )
      }
      return TransportFault(.invalidURL, "libcurl cannot send this URL: \(detail)")
    case CurlCode.urlMalformat:
      return TransportFault(
        .invalidURL, "cannot form a URL from \(configuration.base) and the request path (\(detail))"
      )
    case CurlCode.badContentEncoding:
      return TransportFault(
        .badResponse,
        "the body could not be decoded as its Content-Encoding says (\(detail)): the gateway sent bytes that do not match the encoding it declared"
      )
    case CurlCode.http2, CurlCode.http2Stream:
      return TransportFault(
        hadHead ? .truncated : .badResponse,
        "the HTTP/2 exchange with \(hostPort) failed (\(detail)); --http1.1 shows whether HTTP/1.1 works"
      )
    case CurlCode.fileSizeExceeded, CurlCode.writeError:
      return tooLarge()
    case CurlCode.abortedByCallback:
      return TransportFault(.cancelled, "the request was cancelled")
    case CurlCode.outOfMemory:
      return TransportFault(.other, "libcurl ran out of memory reading the answer from \(hostPort)")
    case CurlCode.notBuiltIn:
      return TransportFault(
        .other, "the loaded libcurl lacks a feature this request needs (\(detail)); \(Curl.version)"
      )
    default:
      return TransportFault(
        .other, "the request to \(hostPort) failed: \(detail) (libcurl error \(code))")
    }
  }

  /// An https:// connection ended by the server during or right after the handshake, before any answer.
  private func refusedAfterHandshake(_ detail: String, _ handshakeDone: Bool) -> Bool {
    guard configuration.baseURL.scheme?.lowercased() == "https" else { return false }
    return handshakeDone || ["SSL", "TLS", "alert"].contains { detail.contains($0) }
  }

  private func connectTimeout() -> TransportFault {
    let limit =
      configuration.connectTimeoutMs.map { "\($0) ms (--connect-timeout-ms)" } ?? "\(limitMs) ms"
    return TransportFault(
      .timeout, "could not connect to \(proxy != nil ? proxyName : hostPort) within \(limit)")
  }

  /// Failures that are the proxy's: it cannot be resolved or reached, or it refused the tunnel.
  private func proxyFault(code: Int32, detail: String, connectCode: Int, osErrno: Int)
    -> TransportFault?
  {
    let notContacted = "the gateway was not contacted"
    switch code {
    case CurlCode.couldNotConnect where osErrno == Int(ECONNREFUSED) || detail.contains("refused"):
      return TransportFault(
        .proxy,
        "connection to \(proxyName) refused; is the proxy up and the port right? \(notContacted)")
    case CurlCode.couldNotResolveProxy:
      return TransportFault(
        .proxy,
        "cannot resolve \(proxyName) (DNS); check the proxy setting, or exempt the gateway with --noproxy HOST"
      )
    case CurlCode.couldNotConnect:
      if detail.localizedLowercase.contains("timed out") || detail.contains("Timeout") {
        return TransportFault(.proxy, "could not connect to \(proxyName) in time; \(notContacted)")
      }
      return TransportFault(
        .proxy, "cannot connect to \(proxyName) (\(detail)); is the proxy up? \(notContacted)")
    default:
      break
    }
    if connectCode >= 300 {
      let why =
        connectCode == 407
        ? "it wants proxy credentials (put user:password in the proxy URL)"
        : "check the proxy's allow list for \(hostPort)"
      return TransportFault(
        .proxy,
        "\(proxyName) refused the CONNECT tunnel to \(hostPort) with HTTP \(connectCode); \(why); \(notContacted)"
      )
    }
    if code == CurlCode.proxy || detail.contains("CONNECT")
      || detail.localizedLowercase.contains("proxy")
    {
      return TransportFault(.proxy, "\(proxyName) failed: \(detail); \(notContacted)")
    }
    return nil
  }
}
