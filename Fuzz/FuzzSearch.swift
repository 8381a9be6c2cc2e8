// libFuzzer target: whole searches — parse, compile, score, snippets — of arbitrary query text
// over a small fixed index whose documents have titles, headings, line breaks (position jumps),
// repeated and non-ASCII words, so phrases, fields, prefixes and fuzzy words all find matches.
// Query errors are expected; a trap, an address error or a hang is a finding.
import Foundation
import QuarryIndex
import QuarrySearch
import QuarryText

/// Built once per process, in a fresh temporary folder.
nonisolated(unsafe) private let searcher: Searcher = {
    let path = NSTemporaryDirectory() + "quarry-fuzz-search-\(getpid())"
    try? FileManager.default.removeItem(atPath: path)
    do {
        let dir = try FSDirectory(path: path, create: true)
        let writer = try IndexWriter(directory: dir, configuration: IndexWriterConfiguration())
        let analyzer = DocumentAnalyzer(configuration: .default)
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
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSearch(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = LenientUTF8.decode(UnsafeBufferPointer(start: data, count: size))
    var options = SearchOptions(limit: 1 + size % 12, offset: size % 3)
    // Both the top-k paths (pruned) and exhaustive scoring with exact counts.
    options.exactTotal = size % 2 == 0
    options.explain = size % 5 == 0
    _ = try? searcher.search(text, options: options)
    return 0
}
