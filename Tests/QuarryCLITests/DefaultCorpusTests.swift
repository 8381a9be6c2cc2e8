import Foundation
import Testing
import Quarry
import QuarryTestSupport

/// The acceptance checks of the embedded corpus (Corpus/ + seeds/), through the library the CLI uses.
@Suite(.serialized) struct DefaultCorpusTests {
    static func build() throws -> (IndexReader, IndexSummary, [IndexWarning], TemporaryDirectory) {
        let root = repositoryRoot()
        let idx = TemporaryDirectory("quarry-default")
        var warnings: [IndexWarning] = []
        let summary = try CrawlIndexer(indexPath: idx.path).run(
            roots: [CrawlRoot(path: root + "/Corpus", keyPrefix: "Corpus/"), CrawlRoot(path: root + "/seeds", keyPrefix: "seeds/")],
            warning: { warnings.append($0) })
        return (try IndexReader.open(FSDirectory(path: idx.path)), summary, warnings, idx)
    }

    @Test func acceptance() throws {
        let (reader, summary, warnings, idx) = try Self.build()
        defer { idx.cleanup() }
        #expect(reader.docCount >= 61)
        // The one non-HTML file: one warning naming it; the run goes on.
        #expect(warnings.count == 1)
        #expect(warnings.first?.path.hasSuffix("Corpus/lumen-broadcasting/downloads/annual-report-2017.html") == true)
        #expect(summary.skipped == ["PDF document": 1])
        #expect(summary.repaired >= 3)

        let s = Searcher(reader: reader)
        let phrase = keys(try s.search("\"parents and families\"", options: SearchOptions(limit: 50)))
        #expect(phrase.contains("Corpus/safer-families-network/campaigns/parents-and-families.html"))
        #expect(!phrase.contains("Corpus/openplay-platform/blog/split-paragraphs.html"))
        #expect(phrase.contains("seeds/000_d56b5e7f01442239.txt"))
        let reversed = keys(try s.search("\"families and parents\"", options: SearchOptions(limit: 50)))
        #expect(!reversed.contains("seeds/000_d56b5e7f01442239.txt"))
        #expect(!reversed.isEmpty)

        // Mojibake repaired and folded: gunther finds Günther in all its broken spellings.
        let gunther = try s.search("gunther", options: SearchOptions(limit: 20))
        let gk = keys(gunther)
        #expect(gk.contains("Corpus/bik-observer/news/2016/alliance-first-meeting.html"))
        #expect(gk.contains("Corpus/nordwave-telecom/press/2016/alliance-first-meeting.html"))
        #expect(gk.contains("seeds/000_d56b5e7f01442239.txt"))
        for h in gunther.hits { #expect(h.snippet?.render(open: "", close: "").contains("Günther") == true, "\(h.key)") }
        #expect(keys(try s.search("GÜNTHER")) == gk)

        // A windows-1252 page shows its accents correctly.
        let cp1252 = try s.search("path:reseau path:journee", options: SearchOptions(limit: 1))
        let title = try #require(cp1252.hits.first?.title)
        #expect(title.contains("é") || title.contains("î") || title.contains("ô"))
        #expect(!title.contains("\u{FFFD}"))

        // Script, style, comments, template and noscript text is never indexed.
        for marker in ["zzscriptmarker", "zzstylemarker", "zzcommentmarker", "zztemplatemarker", "zznoscriptmarker"] {
            #expect(try s.search(marker).totalMatches == 0, "\(marker)")
        }
        // Every judged document exists in the index.
        let qrels = try String(contentsOfFile: repositoryRoot() + "/Corpus/qrels.trec", encoding: .utf8)
        let all = Set(try reader.segments.flatMap { seg -> [String] in
            var k: [String] = []
            try seg.forEachKey { key, _ in k.append(key) }
            return k
        }.map { key -> String in
            let k = key.dropFirst("Corpus/".count)
            return String(k[..<(k.lastIndex(of: ".") ?? k.endIndex)])
        })
        for line in qrels.split(separator: "\n") {
            let docno = String(line.split(separator: " ")[2])
            #expect(all.contains(docno), "\(docno)")
        }
    }
}

@Suite struct DeterminismTests {
    /// Same crawl → same doc ids, same scores, same results, whatever the thread count.
    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let root = repositoryRoot()
        var results: [[String]] = []
        for threads in [1, 3] {
            let idx = TemporaryDirectory("quarry-threads")
            defer { idx.cleanup() }
            var options = CrawlIndexOptions()
            options.threads = threads
            _ = try CrawlIndexer(indexPath: idx.path, options: options).run(roots: [CrawlRoot(path: root + "/Corpus")])
            let s = Searcher(reader: try IndexReader.open(FSDirectory(path: idx.path)))
            var lines: [String] = []
            for q in ["parental controls", "\"parents and families\"", "safer internet centres", "famil*", "lang:de eltern"] {
                let r = try s.search(q, options: SearchOptions(limit: 20, snippets: false))
                lines += r.hits.map { "\(q) \($0.key) \($0.score) \($0.doc)" }
            }
            results.append(lines)
        }
        #expect(results[0] == results[1])
        #expect(!results[0].isEmpty)
    }
}
