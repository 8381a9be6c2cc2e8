// swift-tools-version: 6.1
import PackageDescription

// Arrows point one way: QuarryCLI → Quarry → (QuarrySearch → QuarryIndex → QuarryText), QuarryIngest → QuarryText.
// C libraries are reached only through the system-library targets and one wrapper file each.
let package = Package(
    name: "Quarry",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Quarry", targets: ["Quarry"]),
        .executable(name: "quarry", targets: ["QuarryCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CStemmer", path: "Sources/CStemmer",
            providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(
            name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        .target(name: "QuarryText", dependencies: ["CStemmer"]),
        .target(name: "QuarryIngest", dependencies: ["QuarryText", "CLibXML2"]),
        .target(name: "CCRC32C"),
        .target(name: "CPrefetch"),
        .target(name: "QuarryIndex", dependencies: ["QuarryText", "CZstd", "CCRC32C", "CPrefetch"]),
        .target(name: "QuarrySearch", dependencies: ["QuarryIndex", "QuarryText"]),
        .target(name: "QuarryEval"),
        .target(name: "Quarry", dependencies: ["QuarryIngest", "QuarryIndex", "QuarrySearch", "QuarryText", "QuarryEval"]),
        .executableTarget(
            name: "QuarryCLI",
            dependencies: ["Quarry", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "QuarryTestSupport", dependencies: ["Quarry"], path: "Tests/QuarryTestSupport"),
        .testTarget(name: "QuarryTextTests", dependencies: ["QuarryText", "QuarryTestSupport"]),
        .testTarget(name: "QuarryIngestTests", dependencies: ["QuarryIngest", "QuarryTestSupport"]),
        .testTarget(name: "QuarryIndexTests", dependencies: ["QuarryIndex", "QuarryTestSupport"]),
        // The golden explain tree is read by path (#filePath), not bundled.
        .testTarget(name: "QuarrySearchTests", dependencies: ["QuarrySearch", "QuarryIndex", "QuarryTestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "QuarryEvalTests", dependencies: ["QuarryEval"], resources: [.copy("Fixtures")]),
        .testTarget(name: "QuarryCLITests", dependencies: ["Quarry", "QuarryCLI", "QuarryTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
