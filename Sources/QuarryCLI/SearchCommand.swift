import ArgumentParser
import Foundation
import Quarry

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search an index (default: the embedded Corpus/ and seeds/).",
        discussion: """
            Query syntax: words (ranked OR), "exact phrase", "near words"~3, +required, -excluded, \
            a AND (b OR c) NOT d, title:word, body:"a phrase", lang:de, path:nordwave, protect*, kernal~1 \
            (within 1 or 2 edits), word^2.
            """)

    @Option(name: .long, help: "Index directory (default: build/update the embedded default index).") var index: String?
    @Option(name: .long, help: "Number of results.") var limit: Int = 10
    @Option(name: .long, help: "Results to skip (paging).") var offset: Int = 0
    @Flag(name: .long, help: "JSON output (schema in the README).") var json = false
    @Flag(name: .long, help: "Explain each score as a formula tree.") var explain = false
    @OptionGroup var ranking: RankingOptions
    @OptionGroup var feedback: FeedbackOptions
    /// Every word that is not one of the options above: the query language excludes a word with
    /// `-word`, and `quarry search kernel -module` must not fail as an unknown option.
    @Argument(parsing: .allUnrecognized,
              help: "The query (several words are joined with spaces; -word excludes a word, no quoting needed).")
    var query: [String] = []

    func run() throws { try reportingErrors(runBody) }

    private func runBody() throws {
        // A word starting with "--" is a mistyped option, not query text (the query language has
        // no use for it), unless the options were ended with "--".
        if !CommandLine.arguments.contains("--"), let word = query.first(where: { $0.hasPrefix("--") }) {
            throw CLIError("unknown option '\(word)'; to search for text starting with '--', put the query after '--'")
        }
        let text = query.joined(separator: " ")
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError("empty query") }
        guard limit >= 0, offset >= 0 else { throw CLIError("--limit and --offset must be ≥ 0") }
        let reader = try openIndex(index)
        let searcher = Searcher(reader: reader)
        let options = SearchOptions(limit: limit, offset: offset, parameters: try ranking.parameters(),
                                    language: try ranking.language(), snippets: true, explain: explain)
        let results = try feedback.feedback().map { try $0.search(text, searcher: searcher, options: options) }
            ?? searcher.search(text, options: options)
        // A word in no document is most likely misspelt, even when the other words found
        // something: offer the query with such words corrected (a dictionary lookup per word
        // when every word is known). The results stand without it: a failure here (a damaged
        // word list) is a warning, not the command's error.
        var suggestion: String? = nil
        do { suggestion = try searcher.suggestion(for: text, language: try ranking.language()) } catch {
            Terminal.err("warning: no spelling suggestion: \(error)")
        }
        if json {
            Terminal.out(ResultsJSON.render(results, suggestion: suggestion))
        } else {
            render(results)
            if let suggestion { Terminal.out("Did you mean: " + Terminal.bold(suggestion)) }
        }
    }

    private func render(_ r: SearchResults) {
        for hit in r.hits {
            Terminal.out("\(hit.rank). " + Terminal.bold(hit.title.isEmpty ? hit.key : hit.title)
                         + "  " + Terminal.dim(String(format: "%.4f", hit.score)))
            Terminal.out("   " + hit.key + (hit.language.map { "  [\($0)]" } ?? ""))
            if let s = hit.snippet, !s.fragments.isEmpty {
                let text = Terminal.stdoutIsTTY ? s.render(open: "\u{1B}[1m", close: "\u{1B}[0m") : s.render(open: "", close: "")
                Terminal.out("   " + text.replacingOccurrences(of: "\n", with: " "))
            }
            if let e = hit.explanation {
                Terminal.out(e.render(indent: 2).split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))
            }
        }
        let ms = r.elapsedSeconds * 1000
        let shown = r.hits.isEmpty ? "" : " (showing \(r.hits.first!.rank)–\(r.hits.last!.rank))"
        Terminal.out("\(r.totalMatches) \(r.totalMatches == 1 ? "match" : "matches")\(shown) in " + String(format: "%.2f ms", ms))
    }
}

/// The `--json` schema of `quarry search` (stable; documented in the README).
enum ResultsJSON {
    static func render(_ r: SearchResults, suggestion: String? = nil) -> String {
        var hits: [[String: Any]] = []
        for h in r.hits {
            var o: [String: Any] = ["rank": h.rank, "score": h.score, "key": h.key, "title": h.title]
            o["lang"] = h.language ?? NSNull()
            if let s = h.snippet {
                o["snippet"] = [
                    "text": s.render(open: "", close: ""),
                    "fragments": s.fragments.map { f in
                        ["text": f.text, "start": f.start, "highlights": f.highlights.map { [$0.lowerBound, $0.upperBound] }] as [String: Any]
                    },
                ] as [String: Any]
            }
            if let e = h.explanation { o["explain"] = explanation(e) }
            hits.append(o)
        }
        var root: [String: Any] = ["query": r.query, "total": r.totalMatches, "total_is_exact": r.totalIsExact,
                                   "elapsed_ms": (r.elapsedSeconds * 1e6).rounded() / 1e3, "hits": hits]
        if let suggestion { root["did_you_mean"] = suggestion }
        guard let data = try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func explanation(_ e: Explanation) -> [String: Any] {
        ["value": e.value, "description": e.description, "details": e.details.map(explanation)]
    }
}
