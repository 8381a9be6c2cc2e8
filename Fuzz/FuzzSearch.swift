// libFuzzer target: whole searches — parse, compile, score, snippets — of arbitrary query text
// over a small fixed index whose documents have titles, headings, line breaks (position jumps),
// repeated and non-ASCII words, so phrases, fields, prefixes and fuzzy words all find matches.
// Each query runs on the index with and without word pairs, which must agree.
// Query errors are expected; a trap, an address error, a hang or a disagreement is a finding.
import Foundation
import QuarryIndex
import QuarrySearch
import QuarryText

/// The index folders, removed when the fuzzer exits.
nonisolated(unsafe) private var folders: [String] = []

/// The fixed documents, indexed once per process in a fresh temporary folder: without word
/// pairs, and with them (`--phrase-pairs`).
private func build(pairs: Bool) -> Searcher {
    let path = NSTemporaryDirectory() + "quarry-fuzz-search-\(getpid())" + (pairs ? "-pairs" : "")
    try? FileManager.default.removeItem(atPath: path)
    if folders.isEmpty { atexit { for f in folders { try? FileManager.default.removeItem(atPath: f) } } }
    folders.append(path)
    do {
        var configuration = AnalyzerConfiguration.default
        configuration.commonGrams = pairs
        let dir = try FSDirectory(path: path, create: true)
        let writer = try IndexWriter(directory: dir, configuration: IndexWriterConfiguration(analyzer: configuration))
        let analyzer = DocumentAnalyzer(configuration: configuration)
        let words = ["the", "kernel", "linux", "to", "of", "driver", "parents", "and", "families", "Günther",
                     "straße", "café", "use", "used", "is", "useful", "a", "docs", "testing", "core"]
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        func text(_ lines: Int, _ perLine: Int) -> String {
            (0..<lines).map { _ in (0..<(1 + next(perLine))).map { _ in words[next(words.count)] }.joined(separator: " ") }
                .joined(separator: "\n")
        }
        for i in 0..<60 {
            try writer.add(analyzer.analyze(DocumentFields(key: "d\(i).html", title: text(1 + next(2), 5),
                                                           headings: i % 3 == 0 ? "" : text(next(4), 4),
                                                           body: text(1 + next(12), 30), language: i % 7 == 0 ? "de" : "en")))
            if i == 30 { try writer.flush() }
        }
        try writer.commit()
        writer.close()
        return Searcher(reader: try IndexReader.open(dir))
    } catch {
        fatalError("fuzz-search: cannot build its index: \(error)")
    }
}

nonisolated(unsafe) private let searcher = build(pairs: false)
nonisolated(unsafe) private let pairsSearcher = build(pairs: true)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSearch(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = LenientUTF8.decode(UnsafeBufferPointer(start: data, count: size))
    var options = SearchOptions(limit: 1 + size % 12, offset: size % 3)
    // Both the top-k paths (pruned) and exhaustive scoring with exact counts.
    options.exactTotal = size % 2 == 0
    options.explain = size % 5 == 0
    // Word pairs change how exact phrases are verified, never what is found: the two indexes
    // must agree on every query (a difference is a finding).
    let plain = try? searcher.search(text, options: options)
    let paired = try? pairsSearcher.search(text, options: options)
    guard let plain, let paired else {
        if (plain == nil) != (paired == nil) { fatalError("fuzz-search: only one index accepted \(text.debugDescription)") }
        return 0
    }
    // Under pruning the total is a lower bound, which depends on what was skipped.
    let same = plain.hits.count == paired.hits.count && (!options.exactTotal || plain.totalMatches == paired.totalMatches)
        && zip(plain.hits, paired.hits).allSatisfy { $0.key == $1.key && abs($0.score - $1.score) < 1e-9 }
    if !same { fatalError("fuzz-search: word pairs changed the results of \(text.debugDescription)") }
    return 0
}
