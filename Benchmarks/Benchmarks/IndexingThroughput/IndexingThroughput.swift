import Benchmark
import BenchmarkSupport
import Foundation
import Quarry

/// Indexing: analyzed documents → a committed on-disk index (one writer thread, default RAM
/// budget), reported as documents per second. Extraction is excluded (see IngestThroughput).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .custom("docs/s", polarity: .prefersLarger, useScalingFactor: false)],
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 5)

    Benchmark("Indexing (documents → committed segment)") { benchmark in
        let documents = SpeedInputs.documents
        let path = BenchmarkData.temporaryDirectory("quarry-bench-index")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let started = DispatchTime.now().uptimeNanoseconds
        let directory = try FSDirectory(path: path, create: true)
        let writer = try IndexWriter(directory: directory, configuration: IndexWriterConfiguration())
        let analyzer = DocumentAnalyzer(configuration: .default)
        for d in documents { try writer.add(analyzer.analyze(d)) }
        try writer.commit()
        writer.close()
        let elapsed = DispatchTime.now().uptimeNanoseconds - started
        let perSecond = Double(documents.count) / (Double(max(1, elapsed)) / 1e9)
        benchmark.measurement(.custom("docs/s", polarity: .prefersLarger, useScalingFactor: false),
                              Int(perSecond.rounded()))
    } setup: {
        _ = SpeedInputs.documents
    }
}
