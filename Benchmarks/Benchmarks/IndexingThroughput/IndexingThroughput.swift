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

    // Word pairs (`quarry index --phrase-pairs`) index more terms: their cost, side by side.
    for pairs in [false, true] {
        Benchmark(pairs ? "Indexing with word pairs (documents → committed segment)" : "Indexing (documents → committed segment)") { benchmark in
            let documents = SpeedInputs.documents
            let path = BenchmarkData.temporaryDirectory("quarry-bench-index")
            defer { try? FileManager.default.removeItem(atPath: path) }
            var configuration = AnalyzerConfiguration.default
            configuration.commonGrams = pairs
            let started = DispatchTime.now().uptimeNanoseconds
            let directory = try FSDirectory(path: path, create: true)
            let writer = try IndexWriter(directory: directory, configuration: IndexWriterConfiguration(analyzer: configuration))
            let analyzer = DocumentAnalyzer(configuration: configuration)
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
}
