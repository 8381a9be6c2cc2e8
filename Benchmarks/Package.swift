// swift-tools-version: 6.1
import PackageDescription

// Quarry's benchmarks, kept in their own package so the library carries no benchmark dependency.
//
//   swift package benchmark                        speed suites (package-benchmark), short runs
//   swift run -c release quarry-ranking-benchmark  ranking quality: Corpus/ topics, Cranfield, peers
//
// Speed suites live under Benchmarks/<Name>/ as package-benchmark expects; the ranking benchmark
// is a plain executable (its output is a table, not a latency distribution).
let package = Package(
    name: "QuarryBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Quarry", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.29.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "Quarry", package: "Quarry")],
            path: "Sources/BenchmarkSupport"),
        .executableTarget(
            name: "quarry-ranking-benchmark",
            dependencies: ["BenchmarkSupport", .product(name: "Quarry", package: "Quarry")],
            path: "Sources/RankingBenchmark"),
    ] + ["IngestThroughput", "AnalysisThroughput", "IndexingThroughput", "QueryLatency"].map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Quarry", package: "Quarry"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/\(name)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")])
    },
    swiftLanguageModes: [.v6]
)
