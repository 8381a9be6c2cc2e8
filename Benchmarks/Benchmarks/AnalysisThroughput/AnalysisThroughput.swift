import Benchmark
import BenchmarkSupport
import Foundation
import Quarry

/// Analysis: tokenize, fold, stem and stop-mark every field of every document with the default
/// analyzer, reported as MB/s of UTF-8 text.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)],
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 5)

    Benchmark("Analysis (documents → tokens)") { benchmark in
        let documents = SpeedInputs.documents
        let analyzer = DocumentAnalyzer(configuration: .default)
        let started = DispatchTime.now().uptimeNanoseconds
        var terms = 0
        for d in documents { terms &+= analyzer.analyze(d).terms.count }
        blackHole(terms)
        let elapsed = DispatchTime.now().uptimeNanoseconds - started
        benchmark.measurement(.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
                              SpeedInputs.megabytesPerSecond(SpeedInputs.textBytes, nanoseconds: elapsed))
    } setup: {
        _ = SpeedInputs.documents
    }
}
