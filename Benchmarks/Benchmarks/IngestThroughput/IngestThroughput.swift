import Benchmark
import BenchmarkSupport
import Foundation
import Quarry

/// Ingest: raw crawl bytes → `IngestedDocument` (charset sniffing, decoding, libxml2 SAX, repair),
/// reported as MB/s of input files.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)],
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 5)

    Benchmark("Ingest (HTML → documents)") { benchmark in
        let files = SpeedInputs.files
        let started = DispatchTime.now().uptimeNanoseconds
        var documents = 0
        for file in files where (try? DocumentExtractor.extract(bytes: file.bytes, key: file.key)) != nil {
            documents += 1
        }
        blackHole(documents)
        let elapsed = DispatchTime.now().uptimeNanoseconds - started
        benchmark.measurement(.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
                              SpeedInputs.megabytesPerSecond(SpeedInputs.fileBytes, nanoseconds: elapsed))
    } setup: {
        _ = SpeedInputs.files
    }
}
