import Foundation
import Quarry

/// A brute-force BM25F scorer over the stored documents of an index: re-analyzes every document
/// and scores every one of them, with none of the engine's postings, skipping or pruning. Tests
/// compare the engine's top-k against it.
public struct ReferenceScorer {
    struct Doc {
        var key: String
        var deleted: Bool
        var tf: [String: [Int]]
        var lengths: [Int]
    }

    private var docs: [Doc] = []
    private var df: [String: Int] = [:]
    private var average: [Double] = [0, 0, 0]

    public init(reader: IndexReader) throws {
        let analyzer = DocumentAnalyzer(configuration: reader.analyzerConfiguration)
        var sums = [0, 0, 0]
        for segment in reader.segments {
            // Statistics count deleted documents too (as the engine and Lucene do); only live ones score.
            for d in 0..<segment.docCount {
                let a = analyzer.analyze(try segment.document(d).fields)
                var tf: [String: [Int]] = [:]
                for (i, t) in a.terms.enumerated() { tf[t, default: [0, 0, 0]][Int(a.fieldOf[i])] += 1 }
                for t in tf.keys { df[t, default: 0] += 1 }
                let lengths = a.lengths.map(Int.init)
                for f in 0..<3 { sums[f] += lengths[f] }
                docs.append(Doc(key: a.fields.key, deleted: segment.isDeleted(d), tf: tf, lengths: lengths))
            }
        }
        average = sums.map { max(Double($0) / Double(max(docs.count, 1)), 1) }
    }

    /// Top `k` (key, score) for a bag of terms (OR) or, with `all`, a conjunction.
    public func search(terms: [String], all: Bool, k: Int, parameters: BM25Parameters = .default) -> [(key: String, score: Double)] {
        let n = Double(docs.count)
        var scored: [(Int, Double)] = []
        for (i, d) in docs.enumerated() where !d.deleted {
            var score = 0.0
            var matched = Set<String>()
            // A repeated query word counts each time it is typed (as in Lucene's BooleanQuery).
            for t in terms {
                guard let tf = d.tf[t] else { continue }
                matched.insert(t)
                let dfv = Double(df[t] ?? 0)
                let idf = log(1 + (n - dfv + 0.5) / (dfv + 0.5))
                var tilde = 0.0
                for f in 0..<3 where tf[f] > 0 {
                    tilde += parameters.fieldWeights[f] * Double(tf[f])
                        / (1 - parameters.b + parameters.b * Double(d.lengths[f]) / average[f])
                }
                score += idf * tilde * (parameters.k1 + 1) / (parameters.k1 + tilde)
            }
            if !matched.isEmpty && (!all || matched.count == Set(terms).count) { scored.append((i, score)) }
        }
        scored.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        return scored.prefix(k).map { (docs[$0.0].key, $0.1) }
    }

    public var documentCount: Int { docs.filter { !$0.deleted }.count }
}

/// A generated corpus with a Zipf-like vocabulary, for randomized comparisons.
public func generatedCorpus(documents: Int, vocabulary: Int = 300, seed: UInt64 = 7) -> (docs: [DocumentFields], words: [String]) {
    var rng = SeededGenerator(seed: seed)
    let letters = Array("bcdfghjklmnprtvz")
    let words = (0..<vocabulary).map { i -> String in
        var s = "q"
        var v = i
        repeat { s.append(letters[v % letters.count]); v /= letters.count } while v > 0
        return s + "o"
    }
    func word() -> String {
        // Zipf-ish: square a uniform variate to favour the first words.
        let u = Double.random(in: 0..<1, using: &rng)
        return words[min(words.count - 1, Int(u * u * Double(words.count)))]
    }
    var docs: [DocumentFields] = []
    for i in 0..<documents {
        let bodyLength = Int.random(in: 3...120, using: &rng)
        let body = (0..<bodyLength).map { _ in word() }.joined(separator: " ")
        let title = Int.random(in: 0..<4, using: &rng) == 0 ? "" : (0..<Int.random(in: 1...5, using: &rng)).map { _ in word() }.joined(separator: " ")
        docs.append(DocumentFields(key: String(format: "g%05d.html", i), title: title, body: body))
    }
    return (docs, words)
}
