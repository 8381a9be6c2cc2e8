import Testing
import Quarry
import QuarryTestSupport

/// The engine's top-10 must equal brute-force scoring of every document (scores within 1e-6),
/// over random bag-of-words and conjunctive queries on a multi-segment index with deletions.
@Suite struct ReferenceComparisonTests {
    @Test func randomQueriesMatchTheReferenceScorer() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let (docs, words) = generatedCorpus(documents: 2500)
        let reader = try buildIndexWithDeletions(docs, at: tmp.path, flushEvery: 800, deleteFrom: 3, deleteEvery: 97)
        #expect(reader.segments.count == 4)
        let reference = try ReferenceScorer(reader: reader)
        let searcher = Searcher(reader: reader)
        let analyzer = Analyzer(configuration: reader.analyzerConfiguration)
        var rng = SeededGenerator(seed: 42)
        var checked = 0
        for q in 0..<1000 {
            let n = Int.random(in: 1...4, using: &rng)
            let picked = (0..<n).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }
            let all = q % 3 == 0 && n > 1
            let text = all ? picked.map { "+" + $0 }.joined(separator: " ") : picked.joined(separator: " ")
            let terms = picked.map { analyzer.analyze($0)[0].term }
            let expected = reference.search(terms: terms, all: all, k: 10)
            var options = SearchOptions()
            options.snippets = false
            // Half the queries run with MaxScore pruning, half exhaustively.
            options.exactTotal = q % 2 == 0
            let got = try searcher.search(text, options: options)
            #expect(got.hits.count == expected.count, "\(text)")
            for (h, e) in zip(got.hits, expected) {
                #expect(abs(h.score - e.score) < 1e-6, "\(text): \(h.key) \(h.score) vs \(e.key) \(e.score)")
            }
            // Keys must agree wherever scores are not tied.
            for i in 0..<min(got.hits.count, expected.count) {
                let tiedBefore = i > 0 && abs(expected[i].score - expected[i - 1].score) < 1e-9
                let tiedAfter = i + 1 < expected.count && abs(expected[i].score - expected[i + 1].score) < 1e-9
                if !tiedBefore && !tiedAfter { #expect(got.hits[i].key == expected[i].key, "\(text) rank \(i + 1)") }
            }
            checked += 1
        }
        #expect(checked == 1000)
    }
}

/// Bags over one segment larger than a MaxScore window (1,024 documents), with k large enough
/// that the first hits are gathered over several windows before θ exists, must still equal the
/// reference: windows, the block-max check and the probing of non-essential terms all run.
/// The same queries as conjunctions (`+a +b …`) check `ConjunctionTopK`'s block and lead-first
/// pruning over many blocks.
@Suite struct WindowedBagTests {
    @Test(arguments: [10, 300], [false, true])
    func bagsOverManyWindowsMatchTheReference(limit: Int, all: Bool) throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let (docs, words) = generatedCorpus(documents: 3000, vocabulary: 400, seed: 23)
        let reader = try buildIndex(docs, at: tmp.path)
        #expect(reader.segments.count == 1)
        let reference = try ReferenceScorer(reader: reader)
        let searcher = Searcher(reader: reader)
        let analyzer = Analyzer(configuration: reader.analyzerConfiguration)
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<120 {
            let n = Int.random(in: 2...5, using: &rng)
            // Rare and frequent words mixed: the generated vocabulary is Zipf-like.
            let picked = (0..<n).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }
            let terms = picked.map { analyzer.analyze($0)[0].term }
            let expected = reference.search(terms: terms, all: all, k: limit)
            var options = SearchOptions(limit: limit)
            options.snippets = false
            options.exactTotal = false  // the top-k path (MaxScoreTopK, ConjunctionTopK), not exhaustive scoring
            let text = (all ? picked.map { "+" + $0 } : picked).joined(separator: " ")
            let got = try searcher.search(text, options: options)
            #expect(got.hits.count == expected.count, "\(text)")
            for (h, e) in zip(got.hits, expected) {
                #expect(abs(h.score - e.score) < 1e-6, "\(text): \(h.key) \(h.score) vs \(e.key) \(e.score)")
            }
        }
    }
}

@Suite struct PrefixExpansionTests {
    /// A prefix expanding to hundreds of words (the accumulator path, postings opened through one
    /// dictionary scan) scores like the reference over all the words it covers.
    @Test func largeExpansionMatchesTheReference() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let (docs, words) = generatedCorpus(documents: 800, vocabulary: 120, seed: 11)
        let reader = try buildIndex(docs, at: tmp.path, flushEvery: 300)
        let analyzer = Analyzer(configuration: reader.analyzerConfiguration)
        let terms = Array(Set(words.map { analyzer.analyze($0)[0].term })).sorted()
        #expect(terms.count > 16)
        let expected = try ReferenceScorer(reader: reader).search(terms: terms, all: false, k: 10)
        let got = try Searcher(reader: reader).search("q*", options: SearchOptions(limit: 10, snippets: false))
        #expect(got.hits.count == expected.count)
        for (h, e) in zip(got.hits, expected) { #expect(abs(h.score - e.score) < 1e-6, "\(h.key) \(e.key)") }
    }
}

@Suite struct PhrasePruningTests {
    /// Top-k phrase search skips candidates whose bound cannot beat the k-th score; it must
    /// return exactly what scoring every phrase match returns (exact and sloppy phrases, a
    /// multi-segment index with deletions).
    @Test func prunedPhrasesEqualExhaustiveOnes() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let (docs, _) = generatedCorpus(documents: 2000, vocabulary: 60, seed: 5)
        let reader = try buildIndexWithDeletions(docs, at: tmp.path, flushEvery: 700, deleteFrom: 5, deleteEvery: 89)
        let searcher = Searcher(reader: reader)
        var rng = SeededGenerator(seed: 9)
        var compared = 0
        for q in 0..<300 {
            // Consecutive words of a random document, so most phrases match somewhere.
            let words = docs[Int.random(in: 0..<docs.count, using: &rng)].body.split(separator: " ")
            let n = Int.random(in: 2...3, using: &rng)
            guard words.count > n else { continue }
            let start = Int.random(in: 0...(words.count - n), using: &rng)
            var text = "\"" + words[start..<(start + n)].joined(separator: " ") + "\""
            if q % 4 == 0 { text += "~2" }
            var pruned = SearchOptions(limit: 10, snippets: false)
            pruned.exactTotal = false
            var full = pruned
            full.exactTotal = true
            let a = try searcher.search(text, options: pruned)
            let b = try searcher.search(text, options: full)
            #expect(a.hits.count == b.hits.count, "\(text)")
            for (x, y) in zip(a.hits, b.hits) {
                #expect(abs(x.score - y.score) < 1e-9 && x.key == y.key, "\(text): \(x.key) \(x.score) vs \(y.key) \(y.score)")
            }
            if !b.hits.isEmpty { compared += 1 }
        }
        #expect(compared > 200)
    }
}

@Suite struct PrefixReferenceTests {
    /// Every two-letter prefix of a generated vocabulary (about 19 words each, so the
    /// accumulator path, with short postings read in place and frequent ones through cursors)
    /// on a multi-segment index with deletions scores like the reference over its words.
    @Test func prefixesMatchTheReferenceAcrossSegments() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let (docs, _) = generatedCorpus(documents: 2500, vocabulary: 300, seed: 21)
        let reader = try buildIndexWithDeletions(docs, at: tmp.path, flushEvery: 800, deleteFrom: 7, deleteEvery: 83)
        let reference = try ReferenceScorer(reader: reader)
        let searcher = Searcher(reader: reader)
        var checked = 0
        for prefix in ["q"] + "bcdfghjklmnprtvz".map({ "q\($0)" }) {
            var terms = Set<String>()
            for s in reader.segments { for e in try #require(try s.expandPrefix(prefix, limit: 10_000)) { terms.insert(e.term) } }
            #expect(terms.count > 16, "\(prefix)")
            let expected = reference.search(terms: terms.sorted(), all: false, k: 10)
            let got = try searcher.search(prefix + "*", options: SearchOptions(limit: 10, snippets: false))
            #expect(got.hits.count == expected.count, "\(prefix)")
            for (i, (h, e)) in zip(got.hits, expected).enumerated() {
                #expect(abs(h.score - e.score) < 1e-6, "\(prefix): \(h.key) \(h.score) vs \(e.key) \(e.score)")
                let tiedBefore = i > 0 && abs(expected[i].score - expected[i - 1].score) < 1e-9
                let tiedAfter = i + 1 < expected.count && abs(expected[i].score - expected[i + 1].score) < 1e-9
                if !tiedBefore && !tiedAfter { #expect(h.key == e.key, "\(prefix) rank \(i + 1)") }
            }
            checked += 1
        }
        #expect(checked == 17)
    }
}
