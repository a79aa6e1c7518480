// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "gnsd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gnsd", targets: ["gnsd"]),
        .executable(name: "gnsctl", targets: ["gnsctl"]),
        // For the micro-benchmarks in Benchmarks/, a package of their own.
        .library(name: "DNSWire", targets: ["DNSWire"]),
        .library(name: "EndpointTable", targets: ["EndpointTable"]),
        .library(name: "Authority", targets: ["Authority"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .target(
            name: "DNSWire",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CLDNS",
            pkgConfig: "ldns",
            providers: [.apt(["libldns-dev"])]
        ),
        .target(
            name: "ZoneFile",
            dependencies: ["DNSWire", "CLDNS"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GNSModel",
            dependencies: ["DNSWire"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PlacedYAML",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "APIBodies",
            dependencies: ["GNSModel"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EndpointTable",
            dependencies: [
                "GNSModel",
                "DNSWire",
                .product(name: "HashTreeCollections", package: "swift-collections"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Authority",
            dependencies: [
                "DNSWire", "GNSModel", "EndpointTable",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Atomics", package: "swift-atomics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ServerTLS",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZoneTransfer",
            dependencies: [
                "Authority", "DNSWire", "EndpointTable",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QueryLog",
            dependencies: [
                "DNSWire",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Dnstap/dnstap.proto"],
            swiftSettings: swiftSettings
        ),
        .target(name: "CDatagramBatch"),
        .target(
            name: "DNSServer",
            dependencies: [
                "CDatagramBatch", "ServerTLS",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PushAPI",
            dependencies: [
                "APIBodies", "EndpointTable", "Authority", "DNSWire", "ServerTLS",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ServerMetrics",
            dependencies: [
                "Authority", "DNSWire", "EndpointTable", "PushAPI", "ServerTLS", "ZoneTransfer", "QueryLog",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GNSDServer",
            dependencies: [
                "DNSWire", "ZoneFile", "EndpointTable", "Authority", "DNSServer", "PushAPI", "ServerMetrics", "PlacedYAML", "ServerTLS",
                "ZoneTransfer", "QueryLog",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KubernetesSource",
            dependencies: [
                "GNSModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GNSAgent",
            dependencies: [
                "GNSModel", "GNSClient", "KubernetesSource", "PlacedYAML",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "gnsd",
            dependencies: [
                "GNSDServer", "GNSAgent", "GNSModel", "KubernetesSource",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GNSClient",
            dependencies: [
                "APIBodies", "GNSModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GNSCtlCommands",
            dependencies: [
                "GNSClient", "GNSModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "gnsctl",
            dependencies: ["GNSCtlCommands"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestKit",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Tests/TestKit",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "GNSDServer", "DNSWire", "EndpointTable", "TestKit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SeededRandom",
            path: "Tests/SeededRandom",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TestKitTests",
            dependencies: ["TestKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "APIBodiesTests",
            dependencies: ["APIBodies"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerTLSTests",
            dependencies: ["ServerTLS", "TestKit", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DNSWireTests",
            dependencies: ["DNSWire", "SeededRandom", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndpointTableTests",
            dependencies: ["EndpointTable", "DNSWire", "SeededRandom", "TestKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PushAPITests",
            dependencies: [
                "PushAPI", "ServerMetrics", "EndpointTable", "Authority", "DNSWire", "TestKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZoneTransferTests",
            dependencies: ["ZoneTransfer", "Authority", "ZoneFile", "DNSWire", "EndpointTable", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QueryLogTests",
            dependencies: ["QueryLog", "TestKit", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZoneFileTests",
            dependencies: ["ZoneFile", "DNSWire", "TestKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuthorityTests",
            dependencies: [
                "Authority", "ZoneFile", "DNSWire", "EndpointTable", "SeededRandom",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HashTreeCollections", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DNSServerTests",
            dependencies: [
                "DNSServer", "TestKit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GNSDServerTests",
            dependencies: ["GNSDServer", "QueryLog", "TestSupport", "TestKit", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DeployTests",
            dependencies: ["TestSupport", "TestKit", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubernetesSourceTests",
            dependencies: [
                "KubernetesSource", "EndpointTable", "TestSupport", "TestKit", "SeededRandom", "GNSDServer", "PushAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GNSAgentTests",
            dependencies: [
                "GNSAgent", "KubernetesSource", "EndpointTable", "SeededRandom", "TestSupport", "TestKit",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GNSClientTests",
            dependencies: ["GNSClient", "GNSDServer", "TestSupport", "TestKit", "EndpointTable", "PushAPI", "Authority"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "GNSDServer", "GNSClient", "GNSModel", "TestSupport", "TestKit", "DNSWire", "EndpointTable", "PushAPI",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// The libFuzzer harness (`scripts/fuzz`) is a target only when GNSD_FUZZ is set: it calls into
// libFuzzer, which only the instrumented build in `.build-fuzz` links, so the ordinary build
// leaves it out and stays as fast as before.
if Context.environment["GNSD_FUZZ"] != nil {
    package.products.append(.executable(name: "gnsd-fuzz", targets: ["GNSDFuzz"]))
    package.targets.append(
        .executableTarget(
            name: "GNSDFuzz",
            dependencies: [
                "DNSWire", "ZoneFile", "EndpointTable", "Authority", "PushAPI",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        )
    )
}
