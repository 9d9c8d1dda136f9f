import CCurlShim

/// libcurl, loaded at run time through the CCurlShim C target (no curl headers, no link-time dependency).
///
/// The numbers below are libcurl's stable ABI (curl/curl.h): option and info ids never change meaning once
/// released. Only what the live transport uses is listed.
enum Curl {
  /// Loads libcurl once; the error is a one-line reason (the library, or a symbol it lacks).
  static func load(path: String? = nil) -> Result<Void, LibcurlUnavailable> {
    var message = [CChar](repeating: 0, count: 512)
    let rc = message.withUnsafeMutableBufferPointer { buffer in
      acs_load(path, buffer.baseAddress, buffer.count)
    }
    if rc == 0 { return .success(()) }
    let bytes = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return .failure(LibcurlUnavailable(message: String(decoding: bytes, as: UTF8.self)))
  }

  /// The loaded library's version string, e.g. "libcurl/7.88.1 OpenSSL/3.0.11 ...".
  static var version: String {
    guard let v = acs_version() else { return "libcurl" }
    return String(cString: v)
  }

  static func describe(_ code: Int32) -> String {
    guard let text = acs_easy_strerror(code) else { return "libcurl error \(code)" }
    return String(cString: text)
  }
}

/// libcurl could not be loaded: the run cannot reach a live target (exit 2 before anything is sent).
public struct LibcurlUnavailable: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

/// CURLOPT_* numbers (CURLOPTTYPE_LONG + n, OBJECTPOINT 10000 + n, FUNCTIONPOINT 20000 + n, OFF_T 30000 + n).
enum CurlOption {
  static let writeData: Int32 = 10_001
  static let url: Int32 = 10_002
  static let proxy: Int32 = 10_004
  static let errorBuffer: Int32 = 10_010
  static let writeFunction: Int32 = 20_011
  static let postFields: Int32 = 10_015
  static let httpHeader: Int32 = 10_023
  static let sslCert: Int32 = 10_025
  static let headerData: Int32 = 10_029
  static let customRequest: Int32 = 10_036
  static let noProgress: Int32 = 43
  static let noBody: Int32 = 44
  static let post: Int32 = 47
  static let followLocation: Int32 = 52
  static let sslVerifyPeer: Int32 = 64
  static let caInfo: Int32 = 10_065
  static let headerFunction: Int32 = 20_079
  static let httpGet: Int32 = 80
  static let sslVerifyHost: Int32 = 81
  static let httpVersion: Int32 = 84
  static let sslKey: Int32 = 10_087
  static let noSignal: Int32 = 99
  static let acceptEncoding: Int32 = 10_102
  static let privateData: Int32 = 10_103
  static let postFieldSizeLarge: Int32 = 30_120
  static let timeoutMs: Int32 = 155
  static let connectTimeoutMs: Int32 = 156
  static let httpContentDecoding: Int32 = 158
  static let noProxy: Int32 = 10_177
  static let pathAsIs: Int32 = 234
  static let proxyCAInfo: Int32 = 10_246
  static let proxySSLVerifyPeer: Int32 = 248
  static let proxySSLVerifyHost: Int32 = 249
  static let suppressConnectHeaders: Int32 = 265
  static let http09Allowed: Int32 = 285
}

/// CURL_HTTP_VERSION_* values for `CurlOption.httpVersion` and `CurlInfo.httpVersion`.
enum CurlHTTPVersion {
  static let v10 = 1
  static let v11 = 2
  static let v2 = 3
  static let v2TLS = 4
  static let v2PriorKnowledge = 5
  static let v3 = 30
}

/// CURLINFO_* numbers (STRING 0x100000 + n, LONG 0x200000 + n, OFF_T 0x600000 + n).
enum CurlInfo {
  static let responseCode: Int32 = 0x20_0000 + 2
  static let httpConnectCode: Int32 = 0x20_0000 + 22
  static let osErrno: Int32 = 0x20_0000 + 25
  static let httpVersion: Int32 = 0x20_0000 + 46
  static let totalTime: Int32 = 0x60_0000 + 50
  static let nameLookupTime: Int32 = 0x60_0000 + 51
  static let connectTime: Int32 = 0x60_0000 + 52
  static let startTransferTime: Int32 = 0x60_0000 + 54
  static let appConnectTime: Int32 = 0x60_0000 + 56
}

/// CURLMOPT_* numbers.
enum CurlMultiOption {
  static let maxConnects: Int32 = 6
  static let maxTotalConnections: Int32 = 13
}

/// CURLcode values the fault messages distinguish.
enum CurlCode {
  static let ok: Int32 = 0
  static let unsupportedProtocol: Int32 = 1
  static let urlMalformat: Int32 = 3
  static let notBuiltIn: Int32 = 4
  static let couldNotResolveProxy: Int32 = 5
  static let couldNotResolveHost: Int32 = 6
  static let couldNotConnect: Int32 = 7
  static let weirdServerReply: Int32 = 8
  static let http2: Int32 = 16
  static let partialFile: Int32 = 18
  static let writeError: Int32 = 23
  static let outOfMemory: Int32 = 27
  static let operationTimedOut: Int32 = 28
  static let sslConnectError: Int32 = 35
  static let abortedByCallback: Int32 = 42
  static let gotNothing: Int32 = 52
  static let sslEngineNotFound: Int32 = 53
  static let sendError: Int32 = 55
  static let recvError: Int32 = 56
  static let sslCertProblem: Int32 = 58
  static let sslCipher: Int32 = 59
  static let peerFailedVerification: Int32 = 60
  static let badContentEncoding: Int32 = 61
  static let fileSizeExceeded: Int32 = 63
  static let sslCACertBadFile: Int32 = 77
  static let sslShutdownFailed: Int32 = 80
  static let sslCRLBadFile: Int32 = 82
  static let sslIssuerError: Int32 = 83
  static let sslPinnedPubKeyNotMatch: Int32 = 90
  static let sslInvalidCertStatus: Int32 = 91
  static let http2Stream: Int32 = 92
  static let http3: Int32 = 95
  static let proxy: Int32 = 97
  static let sslClientCert: Int32 = 98
}
