import Testing
import Quarry
import QuarryTestSupport

/// Exact phrases match on compact positions (a jump counts one position) when the phrase spans
/// no more than the segment's smallest jump, and on mapped positions otherwise. Both must find
/// the same matches in the same fields: the same documents indexed with the default block gap
/// (compact path) and with a block gap of 1 (positions path for phrases of three words or
/// more) give equal hits and scores.
@Suite struct CompactPhraseTests {
    /// Lines of a few words from a tiny vocabulary, so phrases recur within lines, across line
    /// breaks (jumps) and across fields (title, headings and body lines).
    private func corpus(_ n: Int) -> [DocumentFields] {
        lineDocuments(n, words: ["alpha", "beta", "gamma", "delta", "omega", "zeta", "kappa", "sigma"], seed: 77,
                      wordsPerLine: 1...6, headingLines: 0...4, bodyLines: 1...30)
    }

    @Test func compactMatchingEqualsMatchingOnPositions() throws {
        let compactDir = TemporaryDirectory(), positionsDir = TemporaryDirectory()
        defer { compactDir.cleanup(); positionsDir.cleanup() }
        let docs = corpus(400)
        var narrow = AnalyzerConfiguration.default
        narrow.blockGap = 1
        // Several segments, merged into one for the compact index: merging copies compact
        // positions and rebuilds the layouts.
        let compact = try buildIndex(docs, at: compactDir.path, flushEvery: 150)
        let positions = try buildIndex(docs, at: positionsDir.path, flushEvery: 150, analyzer: narrow)
        let merger = try IndexWriter(directory: FSDirectory(path: compactDir.path), configuration: IndexWriterConfiguration(mergePolicy: nil))
        try merger.forceMerge(maxSegments: 1)
        try merger.commit()
        merger.close()
        let compactReader = try IndexReader.open(FSDirectory(path: compactDir.path), verifyChecksums: true)
        #expect(compact.segments.count > 1 && compactReader.segments.count == 1)
        let a = Searcher(reader: compactReader), b = Searcher(reader: positions)
        let words = ["alpha", "beta", "gamma", "delta", "omega", "zeta", "kappa", "sigma"]
        var rng = SeededGenerator(seed: 5)
        var matched = 0
        for q in 0..<200 {
            let n = q % 3 + 2
            var text = "\"" + (0..<n).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ") + "\""
            if q % 5 == 0 { text = ["title:", "headings:", "body:"][q / 5 % 3] + text }
            var options = SearchOptions(limit: 1000, snippets: false)
            options.exactTotal = true
            let x = try a.search(text, options: options), y = try b.search(text, options: options)
            #expect(keys(x) == keys(y), "\(text)")
            for (h, g) in zip(x.hits, y.hits) { #expect(abs(h.score - g.score) < 1e-9, "\(text): \(h.key)") }
            if !x.hits.isEmpty { matched += 1 }
        }
        #expect(matched > 100)
        // Never across a line break: "alpha beta" split over two lines of every document.
        let split = [DocumentFields(key: "s.html", title: "alpha", headings: "beta\nalpha", body: "beta gamma\ndelta")]
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = Searcher(reader: try buildIndex(split, at: tmp.path))
        #expect(keys(try s.search("\"alpha beta\"")).isEmpty)
        #expect(keys(try s.search("\"gamma delta\"")).isEmpty)
        #expect(keys(try s.search("body:\"beta gamma\"")) == ["s.html"])
        #expect(keys(try s.search("headings:\"beta gamma\"")).isEmpty)
    }

    /// A match's field is told from the norms alone when it lies before the title's length or
    /// past where the body can begin at the latest, and from the layout otherwise: each field
    /// restriction finds exactly the documents whose phrase lies in that field, wherever the
    /// other fields' matches lie.
    @Test func matchesAreCountedInTheirFields() throws {
        let docs = [
            DocumentFields(key: "title.html", title: "alpha beta gamma", headings: "delta\nomega", body: "zeta kappa"),
            DocumentFields(key: "headings.html", title: "gamma", headings: "delta alpha beta\nomega", body: "zeta kappa"),
            DocumentFields(key: "body.html", title: "gamma delta", headings: "omega", body: "zeta\nkappa alpha beta"),
            DocumentFields(key: "all.html", title: "alpha beta", headings: "x alpha beta\ny", body: "alpha beta\nalpha beta"),
            DocumentFields(key: "bare.html", title: "", headings: "", body: "alpha beta"),
        ]
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = Searcher(reader: try buildIndex(docs, at: tmp.path))
        func found(_ q: String) throws -> Set<String> { Set(keys(try s.search(q))) }
        #expect(try found("title:\"alpha beta\"") == ["title.html", "all.html"])
        #expect(try found("headings:\"alpha beta\"") == ["headings.html", "all.html"])
        #expect(try found("body:\"alpha beta\"") == ["body.html", "all.html", "bare.html"])
        #expect(try found("\"alpha beta\"") == ["title.html", "headings.html", "body.html", "all.html", "bare.html"])
    }
}
