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

    // Mojibake repair on clean text (the common case: must cost next to nothing) and on the
    // same text broken as UTF-8 read as windows-1252 (every non-ASCII character affected).
    let cleanText: [String] = SpeedInputs.documents.map { $0.title + "\n" + $0.body }
    let brokenText: [String] = cleanText.map { text in
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 >= 0x80 }) else { return "G\u{00C3}\u{00BC}nther " + text }
        return LegacyEncoding.windows1252.decode(bytes)
    }
    for (name, texts) in [("clean", cleanText), ("broken", brokenText)] {
        Benchmark("Mojibake repair (\(name) text)") { benchmark in
            let bytes = texts.reduce(0) { $0 + $1.utf8.count }
            let started = DispatchTime.now().uptimeNanoseconds
            var repaired = 0
            for t in texts where MojibakeRepair.repair(t) != nil { repaired += 1 }
            blackHole(repaired)
            let elapsed = DispatchTime.now().uptimeNanoseconds - started
            benchmark.measurement(.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
                                  SpeedInputs.megabytesPerSecond(bytes, nanoseconds: elapsed))
        }
    }

    Benchmark("Tokenization (UAX #29 words, no folding)") { benchmark in
        let analyzer = Analyzer(configuration: AnalyzerConfiguration(stemming: false, foldDiacritics: false))
        let started = DispatchTime.now().uptimeNanoseconds
        var words = 0
        for t in cleanText { analyzer.forEachEntry(t) { _, _ in words &+= 1 } }
        blackHole(words)
        let elapsed = DispatchTime.now().uptimeNanoseconds - started
        benchmark.measurement(.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
                              SpeedInputs.megabytesPerSecond(cleanText.reduce(0) { $0 + $1.utf8.count }, nanoseconds: elapsed))
    }
}
