import ArgumentParser
import Foundation
import Quarry

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Answer one query per stdin line (for harnesses and run files).",
        discussion: """
            --format trec: input `qid<TAB>query`, output `qid Q0 docno rank score tag` (docno = key \
            without extension). --format ids: top documents' keys, tab-separated, one line per query. \
            --format count: the number of matching documents. Each answer is flushed as soon as it is \
            written. A timing summary goes to stderr; with BENCH_INPROC_TIMES set, per-query seconds \
            are written there as a JSON list at end of input.
            """)

    enum Format: String, ExpressibleByArgument { case trec, ids, count }

    @Option(name: .long, help: "Index directory (default: the embedded default index).") var index: String?
    @Option(name: .long, help: "trec, ids or count.") var format: Format = .trec
    @Option(name: .long, help: "Results per query.") var limit: Int = 1000
    @Option(name: .long, help: "Run tag (trec format).") var tag: String = "quarry"
    @OptionGroup var ranking: RankingOptions
    @OptionGroup var feedback: FeedbackOptions

    func run() throws { try reportingErrors(runBody) }

    private func runBody() throws {
        let reader = try openIndex(index)
        let searcher = Searcher(reader: reader)
        var options = SearchOptions(limit: format == .count ? 0 : max(0, limit), parameters: try ranking.parameters(),
                                    language: try ranking.language(), snippets: false)
        options.loadDocuments = false
        // Ranked lists need the top documents only; `count` needs every match.
        options.exactTotal = format == .count
        let rm3 = try feedback.feedback()
        var times: [Double] = []
        var lineNumber = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            var qid = String(lineNumber)
            var text = line
            if format == .trec, let tab = line.firstIndex(of: "\t") {
                qid = String(line[..<tab])
                text = String(line[line.index(after: tab)...])
            }
            let started = DispatchTime.now().uptimeNanoseconds
            var output = ""
            do {
                let r = try rm3.map { try $0.search(text, searcher: searcher, options: options) } ?? searcher.search(text, options: options)
                switch format {
                case .trec:
                    for h in r.hits {
                        output += "\(qid) Q0 \(Self.docno(h.key)) \(h.rank) \(String(format: "%.6f", h.score)) \(tag)\n"
                    }
                case .ids:
                    output = r.hits.map(\.key).joined(separator: "\t") + "\n"
                case .count:
                    output = "\(r.totalMatches)\n"
                }
            } catch {
                Terminal.err("quarry: line \(lineNumber): \(error)")
                output = format == .trec ? "" : (format == .count ? "0\n" : "\n")
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            if !output.isEmpty { FileHandle.standardOutput.write(Data(output.utf8)) }
        }
        if let path = ProcessInfo.processInfo.environment["BENCH_INPROC_TIMES"], !path.isEmpty {
            let json = "[" + times.map { String($0) }.joined(separator: ",") + "]"
            try? json.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let sorted = times.sorted()
        func pct(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))] * 1000
        }
        Terminal.err(String(format: "quarry batch: %d queries in %.3f s, p50 %.3f ms, p99 %.3f ms",
                            times.count, times.reduce(0, +), pct(0.5), pct(0.99)))
    }

    /// TREC docno: the key without its extension.
    static func docno(_ key: String) -> String {
        guard let dot = key.lastIndex(of: "."), !key[dot...].contains("/") else { return key }
        return String(key[..<dot])
    }
}
