// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "anyint-conformance",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "anyint-conformance", targets: ["anyint-conformance"])
    ],
    dependencies: [],
    targets: [
        // Pure logic: scenarios, matching, the retry table, fixtures, transports, the runner. Never prints.
        .target(name: "ConformanceCore"),
        // Pure writers (console, JSON, JUnit, Markdown, HTML), report reading and report diff.
        .target(name: "ConformanceReports", dependencies: ["ConformanceCore"]),
        // libcurl loaded at run time (dlopen) with typed wrappers around its variadic calls; no curl headers.
        .target(
            name: "CCurlShim",
            linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // The live transport: libcurl's multi interface on one event thread; exact requests, TLS and proxy control.
        .target(name: "ConformanceNetwork", dependencies: ["ConformanceCore", "CCurlShim"]),
        // Loopback HTTP/1.1 server on POSIX sockets serving the same fixture store that replay uses.
        .target(name: "MockServer", dependencies: ["ConformanceCore"]),
        // Argument parsing and the commands; the only layer that talks to the terminal.
        .target(name: "ConformanceCLI", dependencies: ["ConformanceCore", "ConformanceReports", "ConformanceNetwork", "MockServer"]),
        // Release builds link the Swift runtime and Foundation statically (they ship with the toolchain, in
        // usr/lib/swift_static): no dynamic symbol binding across ~20 libraries at every start, so `--version`
        // starts in about 5 ms instead of 12 (Benchmarks/README.md, issue 13). Debug builds stay dynamic.
        .executableTarget(
            name: "anyint-conformance", dependencies: ["ConformanceCLI"],
            linkerSettings: [
                .unsafeFlags(
                    ["-static-stdlib"]
                        + ["--start-group", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims",
                           "-l_FoundationCollections", "-lstdc++", "--end-group"].flatMap { ["-Xlinker", $0] },
                    .when(platforms: [.linux], configuration: .release))
            ]),
        .testTarget(name: "ConformanceCoreTests", dependencies: ["ConformanceCore", "TestSupport"]),
        .testTarget(name: "ConformanceReportsTests", dependencies: ["ConformanceReports", "ConformanceCore", "TestSupport"], exclude: ["Golden"]),
        // Helpers shared by the test targets (peer processes such as the fault-injecting server).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ConformanceNetworkTests", dependencies: ["ConformanceNetwork", "ConformanceCore", "TestSupport"]),
        .testTarget(name: "MockServerTests", dependencies: ["MockServer", "ConformanceCore", "TestSupport"]),
        .testTarget(name: "ConformanceCLITests", dependencies: ["ConformanceCLI", "ConformanceCore"], exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["anyint-conformance", "ConformanceCore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
