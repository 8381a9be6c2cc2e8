import Testing
import Quarry
import QuarryTestSupport
@testable import QuarrySearch

/// `ConjunctionTopK` scores the lead before aligning the others only where lengths are cheap
/// to read (small segments); both orders must collect the same hits with the same scores.
/// Through `Searcher`, the reference tests reach only the lead-first order (their segments are
/// small), so this compares the two directly, over many blocks and k from 1 to 300.
@Suite struct ConjunctionTopKTests {
    @Test func bothOrdersCollectTheSameHits() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let (docs, words) = generatedCorpus(documents: 3000, vocabulary: 400, seed: 31)
        let reader = try buildIndex(docs, at: tmp.path)
        let segment = reader.segments[0]
        let statistics = CollectionStatistics(reader: reader)
        let scoring = FieldScoring(parameters: BM25Parameters(), statistics: statistics, fields: nil)
        let analyzer = Analyzer(configuration: reader.analyzerConfiguration)
        var rng = SeededGenerator(seed: 5)
        var compared = 0, nonEmpty = 0
        for q in 0..<200 {
            let n = Int.random(in: 2...4, using: &rng)
            let terms = (0..<n).map { _ in analyzer.analyze(words[Int.random(in: 0..<words.count, using: &rng)])[0].term }
            let k = [1, 10, 300][q % 3]
            func run(leadFirst: Bool) throws -> [TopDocsCollector.Entry] {
                var clauses: [(PostingsCursor, FieldScoring, Double)] = []
                for t in terms {
                    guard let info = try segment.termInfo(t) else { return [] }
                    let idf = BM25Parameters.idf(docCount: statistics.docCount, docFreq: UInt64(info.docFreq))
                    clauses.append((try segment.cursor(info), scoring, idf))
                }
                var collector = TopDocsCollector(k: k)
                _ = try ConjunctionTopK(terms: clauses, segment: segment, leadFirst: leadFirst)
                    .run(into: &collector, base: 0, segmentIndex: 0)
                return collector.heap.sorted { ($0.score, $1.doc) > ($1.score, $0.doc) }
            }
            let first = try run(leadFirst: true)
            let aligned = try run(leadFirst: false)
            #expect(first.map(\.doc) == aligned.map(\.doc), "\(terms) k=\(k)")
            #expect(first.map(\.score) == aligned.map(\.score), "\(terms) k=\(k)")
            compared += 1
            if !first.isEmpty { nonEmpty += 1 }
        }
        #expect(compared == 200)
        #expect(nonEmpty > 100)
    }
}
