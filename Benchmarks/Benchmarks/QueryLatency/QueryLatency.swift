import Benchmark
import BenchmarkSupport
import Foundation
import Quarry

/// Query latency per class (`freq`, `rare`, `and`, `or`, `phrase`, `prefix`, top 10), plus the
/// bag-of-words class at top 1000 (what a ranking run asks for). One iteration = one query, so the
/// wall-clock percentiles are per-query latencies. The index is built once, before measuring.
final class QueryState: @unchecked Sendable {
    static let shared = QueryState()
    var searcher: Searcher?
    var classes: [String: [String]] = [:]
    var indexPath: String?
    var cursor = 0

    func prepare() throws {
        guard searcher == nil else { return }
        let path = BenchmarkData.temporaryDirectory("quarry-bench-query")
        try BenchmarkData.buildIndex(roots: SpeedInputs.roots, at: path)
        searcher = Searcher(reader: try IndexReader.open(try FSDirectory(path: path)))
        classes = QueryClasses.make(from: SpeedInputs.documents)
        indexPath = path
    }

    func next(_ name: String) -> String {
        let queries = classes[name] ?? ["index"]
        cursor &+= 1
        return queries[cursor % queries.count]
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock], timeUnits: .microseconds,
        warmupIterations: 10, maxDuration: .seconds(1), maxIterations: 300)

    let state = QueryState.shared
    for (name, limit) in QueryClasses.names.map({ ($0, 10) }) + [("or", 1000)] {
        Benchmark("Query \(name) (top \(limit))") { benchmark in
            guard let searcher = state.searcher else { return }
            var options = SearchOptions(limit: limit, snippets: false)
            options.loadDocuments = false  // keys only, like `quarry batch` and the peers
            options.exactTotal = false
            let query = state.next(name)
            benchmark.startMeasurement()
            blackHole(try searcher.search(query, options: options).hits.count)
            benchmark.stopMeasurement()
        } setup: {
            try state.prepare()
        }
    }

    Benchmark.teardown = {
        if let path = state.indexPath { try? FileManager.default.removeItem(atPath: path) }
    }
}
