import Benchmark
import BenchmarkSupport
import Foundation
import Quarry

/// Query latency per class (`freq`, `rare`, `and`, `or`, `phrase`, `prefix`, top 10), plus the
/// bag-of-words class at top 1000 (what a ranking run asks for). One iteration = one query, so the
/// wall-clock percentiles are per-query latencies. The phrase class runs a second time on an
/// index with word pairs (`quarry index --phrase-pairs`). The indexes are built once, before
/// measuring.
final class QueryState: @unchecked Sendable {
    static let shared = QueryState()
    var searcher: Searcher?
    var pairsSearcher: Searcher?
    var classes: [String: [String]] = [:]
    var indexPaths: [String] = []
    var cursor = 0

    func prepare() throws {
        guard searcher == nil else { return }
        let path = BenchmarkData.temporaryDirectory("quarry-bench-query")
        let pairsPath = BenchmarkData.temporaryDirectory("quarry-bench-query-pairs")
        try BenchmarkData.buildIndex(roots: SpeedInputs.roots, at: path)
        try BenchmarkData.buildIndex(roots: SpeedInputs.roots, at: pairsPath, phrasePairs: true)
        searcher = Searcher(reader: try IndexReader.open(try FSDirectory(path: path)))
        pairsSearcher = Searcher(reader: try IndexReader.open(try FSDirectory(path: pairsPath)))
        classes = QueryClasses.make(from: SpeedInputs.documents)
        indexPaths = [path, pairsPath]
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
    for (name, limit, pairs) in QueryClasses.names.map({ ($0, 10, false) }) + [("or", 1000, false), ("phrase", 10, true)] {
        Benchmark("Query \(name) (top \(limit))" + (pairs ? ", word pairs" : "")) { benchmark in
            guard let searcher = pairs ? state.pairsSearcher : state.searcher else { return }
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
        for path in state.indexPaths { try? FileManager.default.removeItem(atPath: path) }
    }
}
