import Foundation
import Testing
@testable import QuarrySearch
import Quarry
import QuarryTestSupport

/// Word pairs (`CommonGrams`, `quarry index --phrase-pairs`) change how exact phrases are
/// verified, never what they find: the same documents indexed with and without pairs give the
/// same hits with the same scores, for exact phrases (with and without fields), sloppy ones,
/// on several segments and after merging them.
@Suite struct PhrasePairTests {
    /// Common and rare words mixed on short lines, so phrases of common words recur within
    /// lines, across line breaks (where no pair may be indexed) and across fields.
    private static let words = ["the", "of", "to", "is", "and", "kernel", "driver", "module", "memory", "page", "lock"]

    private func corpus(_ n: Int) -> [DocumentFields] {
        lineDocuments(n, words: Self.words, seed: 31, wordsPerLine: 1...7, headingLines: 0...3, bodyLines: 1...25)
    }

    @Test func pairsFindWhatPositionsFind() throws {
        let pairedDir = TemporaryDirectory(), plainDir = TemporaryDirectory()
        defer { pairedDir.cleanup(); plainDir.cleanup() }
        let docs = corpus(400)
        var pairs = AnalyzerConfiguration.default
        pairs.commonGrams = true
        let pairedSegments = try buildIndex(docs, at: pairedDir.path, flushEvery: 130, analyzer: pairs)
        let plain = try buildIndex(docs, at: plainDir.path)
        #expect(pairedSegments.segments.count > 1)
        // Pairs are terms of their own: the paired index has more, the words' statistics are equal.
        #expect(try pairedSegments.termInfos(CommonGrams.term("the", "kernel")).contains { $0 != nil })
        #expect(try plain.termInfos(CommonGrams.term("the", "kernel")).allSatisfy { $0 == nil })

        var rng = SeededGenerator(seed: 8)
        var queries: [String] = []
        for q in 0..<300 {
            let n = q % 3 + 2
            var text = "\"" + (0..<n).map { _ in Self.words.randomElement(using: &rng)! }.joined(separator: " ") + "\""
            if q % 7 == 3 { text += "~1" }
            if q % 5 == 0 { text = ["title:", "headings:", "body:"][q / 5 % 3] + text }
            if q % 11 == 4 { text += " memory" }
            queries.append(text)
        }
        func compare(_ paired: IndexReader) throws -> Int {
            let a = Searcher(reader: paired), b = Searcher(reader: plain)
            var matched = 0
            for text in queries {
                var exhaustive = SearchOptions(limit: 1000, snippets: false)
                exhaustive.exactTotal = true
                let x = try a.search(text, options: exhaustive), y = try b.search(text, options: exhaustive)
                #expect(keys(x) == keys(y), "\(text)")
                #expect(x.totalMatches == y.totalMatches, "\(text)")
                for (h, g) in zip(x.hits, y.hits) { #expect(abs(h.score - g.score) < 1e-9, "\(text): \(h.key)") }
                // The top-k path (pruned) over pairs returns the exhaustive top 10.
                var pruned = SearchOptions(limit: 10, snippets: false)
                pruned.exactTotal = false
                let top = try a.search(text, options: pruned)
                #expect(keys(top) == Array(keys(y).prefix(10)), "\(text)")
                if !x.hits.isEmpty { matched += 1 }
            }
            return matched
        }
        #expect(try compare(pairedSegments) > 150)
        // Merging copies pairs like any term.
        let merger = try IndexWriter(directory: FSDirectory(path: pairedDir.path),
                                     configuration: IndexWriterConfiguration(analyzer: pairs, mergePolicy: nil))
        try merger.forceMerge(maxSegments: 1)
        try merger.commit()
        merger.close()
        let merged = try IndexReader.open(FSDirectory(path: pairedDir.path), verifyChecksums: true)
        #expect(merged.segments.count == 1)
        #expect(try compare(merged) > 150)
        let report = try IndexChecker.check(try FSDirectory(path: pairedDir.path))
        #expect(report.documents == 400)
    }

    /// A pair is indexed only between adjacent words: never across a line break or a field.
    @Test func pairsNeverSpanAGap() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        var pairs = AnalyzerConfiguration.default
        pairs.commonGrams = true
        let docs = [DocumentFields(key: "s.html", title: "kernel the", headings: "is\nthe driver", body: "the\nkernel of memory")]
        let s = Searcher(reader: try buildIndex(docs, at: tmp.path, analyzer: pairs))
        #expect(keys(try s.search("\"the is\"")).isEmpty)
        #expect(keys(try s.search("\"is the\"")).isEmpty)
        #expect(keys(try s.search("\"the kernel\"")).isEmpty)
        #expect(keys(try s.search("headings:\"the driver\"")) == ["s.html"])
        #expect(keys(try s.search("title:\"kernel the\"")) == ["s.html"])
        #expect(keys(try s.search("body:\"kernel of memory\"")) == ["s.html"])
        #expect(keys(try s.search("title:\"kernel of memory\"")).isEmpty)
    }

    /// The units a phrase is verified on: every pair with a common word, and every word no
    /// pair covers, at the offsets of their first words.
    @Test func phraseUnits() {
        let common: Set<String> = ["the", "to", "of", "is"]
        func units(_ terms: [String], _ offsets: [UInt32]? = nil) -> [String] {
            let r = ScorerFactory.pairUnits(terms: terms, offsets: offsets ?? terms.indices.map { UInt32($0) },
                                            isCommon: common.contains)
            return zip(r.terms, r.offsets).map { "\($0.0.replacingOccurrences(of: "\u{1E}", with: "_"))@\($0.1)" }
        }
        #expect(units(["to", "the", "kernel"]) == ["_to_the@0", "_the_kernel@1"])
        #expect(units(["the", "linux", "kernel"]) == ["_the_linux@0", "kernel@2"])
        #expect(units(["linux", "kernel"]) == ["linux@0", "kernel@1"])
        #expect(units(["name", "of", "the", "page"]) == ["_name_of@0", "_of_the@1", "_the_page@2"])
        // Not adjacent (a line break inside the quotes): no pair.
        #expect(units(["the", "kernel"], [0, 101]) == ["the@0", "kernel@101"])
    }

    @Test func configurationWithoutPairsDecodesAsOff() throws {
        let old = #"{"version":3,"stemming":true,"foldDiacritics":true,"blockGap":100,"defaultLanguage":{"code":"en"}}"#
        let decoded = try JSONDecoder().decode(AnalyzerConfiguration.self, from: Data(old.utf8))
        #expect(decoded == AnalyzerConfiguration.default && !decoded.commonGrams)
        var on = AnalyzerConfiguration.default
        on.commonGrams = true
        #expect(try JSONDecoder().decode(AnalyzerConfiguration.self, from: JSONEncoder().encode(on)) == on)
    }

    /// `quarry index` without the option keeps the index's setting; with the other setting it
    /// rebuilds, and says why.
    @Test func crawlIndexerKeepsOrChangesTheSetting() throws {
        let crawl = TemporaryDirectory(), index = TemporaryDirectory()
        defer { crawl.cleanup(); index.cleanup() }
        crawl.write("a.html", "<html><head><title>The kernel</title></head><body><p>to the kernel of the page</p></body></html>")
        func run(_ pairs: Bool?) throws -> (IndexSummary, Bool) {
            var options = CrawlIndexOptions()
            options.threads = 1
            options.phrasePairs = pairs
            let summary = try CrawlIndexer(indexPath: index.path, options: options).run(roots: [CrawlRoot(path: crawl.path)])
            return (summary, try IndexReader.open(FSDirectory(path: index.path)).analyzerConfiguration.commonGrams)
        }
        #expect(try run(nil).1 == false)
        let on = try run(true)
        #expect(on.1 && on.0.rebuildReason?.contains("--phrase-pairs") == true)
        let kept = try run(nil)
        #expect(kept.1 && kept.0.rebuildReason == nil)
        let reader = try IndexReader.open(FSDirectory(path: index.path))
        #expect(keys(try Searcher(reader: reader).search("\"to the kernel\"")) == ["a.html"])
        let off = try run(false)
        #expect(!off.1 && off.0.rebuildReason != nil)
    }
}
