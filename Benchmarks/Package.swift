// swift-tools-version: 6.1
import PackageDescription

/// gnsd's micro-benchmarks: a package of its own, so the server's package never depends on the
/// benchmark harness. Run with `swift package --package-path Benchmarks benchmark`.
let package = Package(
    name: "gnsd-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, because a path package is otherwise known by its folder's name.
        .package(name: "gnsd", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "GNSDBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DNSWire", package: "gnsd"),
                .product(name: "EndpointTable", package: "gnsd"),
                .product(name: "Authority", package: "gnsd"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/GNSDBenchmarks",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        )
    ]
)
