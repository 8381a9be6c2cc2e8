import Foundation
import Quarry

/// A small deterministic pseudo-random generator (SplitMix64), so generated corpora and crash
/// schedules are the same on every run for a given seed.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generated English-like documents: a vocabulary of made-up words with inflected variants
/// (so stemming maps several words to one term), drawn with a Zipf-like skew so some terms fill
/// many postings blocks and others occur once.
public struct SyntheticCorpus {
    public let vocabulary: [String]
    private var rng: SeededGenerator

    public init(seed: UInt64 = 42, vocabularySize: Int = 600) {
        rng = SeededGenerator(seed: seed)
        let onsets = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "st", "pl"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ou"]
        let codas = ["", "n", "r", "l", "st", "m", "k"]
        var words: [String] = []
        var seen = Set<String>()
        var g = SeededGenerator(seed: seed &+ 1)
        while words.count < vocabularySize {
            var w = ""
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                w += onsets[Int.random(in: 0..<onsets.count, using: &g)] + vowels[Int.random(in: 0..<vowels.count, using: &g)]
                    + codas[Int.random(in: 0..<codas.count, using: &g)]
            }
            if w.count >= 3, seen.insert(w).inserted { words.append(w) }
        }
        vocabulary = words
    }

    /// A vocabulary word, skewed towards the front of the list.
    public mutating func word() -> String {
        let u = Double.random(in: 0..<1, using: &rng)
        let i = Int(Double(vocabulary.count) * u * u * u)
        let w = vocabulary[min(i, vocabulary.count - 1)]
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return w + "s"
        case 1: return w + "ing"
        default: return w
        }
    }

    public mutating func words(_ n: ClosedRange<Int>) -> String {
        (0..<Int.random(in: n, using: &rng)).map { _ in word() }.joined(separator: " ")
    }

    /// `count` documents keyed `prefix/NNNNN.html`.
    public mutating func documents(_ count: Int, prefix: String = "d", bodyWords: ClosedRange<Int> = 10...60) -> [DocumentFields] {
        (0..<count).map { i in
            let headings = Int.random(in: 0..<3, using: &rng) == 0 ? words(2...6) : ""
            var body = words(bodyWords)
            if Int.random(in: 0..<4, using: &rng) == 0 { body += "\n" + words(5...20) }
            return DocumentFields(key: "\(prefix)/" + String(format: "%05d", i) + ".html", title: words(1...5),
                                  headings: headings, body: body, language: "en")
        }
    }

    /// The same document as an HTML page, for crawl-based tests.
    public static func html(_ d: DocumentFields) -> String {
        var s = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(d.title)</title></head><body>"
        if !d.headings.isEmpty { s += "<h2>\(d.headings)</h2>" }
        for p in d.body.split(separator: "\n") { s += "<p>\(p)</p>" }
        return s + "</body></html>\n"
    }

    /// A mix of query shapes over the vocabulary: single terms (frequent and rare), bags,
    /// phrases, required/excluded terms, field and prefix queries.
    public func queries() -> [String] {
        let v = vocabulary
        var q: [String] = []
        for i in [0, 1, 2, 5, 10, 40, 120, 300, 590] where i < v.count { q.append(v[i]) }
        q += ["\(v[0]) \(v[3]) \(v[7])", "\(v[1]) \(v[50])", "\"\(v[0]) \(v[1])\"", "\"\(v[2]) \(v[0])\"~4",
              "+\(v[0]) -\(v[1])", "\(v[4]) AND (\(v[6]) OR \(v[9]))", "title:\(v[2])", "\(String(v[0].prefix(2)))*",
              "\(v[3])s", "\(v[8])ing \(v[11])"]
        return q
    }
}

/// Every hit (key and score) of each query, for comparing indexes.
public func searchSignature(_ reader: IndexReader, _ queries: [String], limit: Int = 100_000) throws -> [[String]] {
    let searcher = Searcher(reader: reader)
    return try queries.map { q in
        let r = try searcher.search(q, options: SearchOptions(limit: limit, snippets: false))
        return ["total=\(r.totalMatches)"] + r.hits.map { "\($0.key) \($0.score)" }
    }
}

/// Matching keys of each query, ignoring scores and order.
public func matchingKeys(_ reader: IndexReader, _ queries: [String]) throws -> [Set<String>] {
    let searcher = Searcher(reader: reader)
    return try queries.map { q in
        Set(try searcher.search(q, options: SearchOptions(limit: 100_000, snippets: false)).hits.map(\.key))
    }
}

/// `count` documents whose title, headings and body are lines of `wordsPerLine` words drawn from
/// a small vocabulary, so phrases recur within lines, across line breaks (position jumps) and
/// across fields.
public func lineDocuments(_ count: Int, words: [String], seed: UInt64, wordsPerLine: ClosedRange<Int>,
                          headingLines: ClosedRange<Int>, bodyLines: ClosedRange<Int>) -> [DocumentFields] {
    var rng = SeededGenerator(seed: seed)
    func lines(_ n: ClosedRange<Int>) -> String {
        (0..<Int.random(in: n, using: &rng)).map { _ in
            (0..<Int.random(in: wordsPerLine, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
        }.joined(separator: "\n")
    }
    return (0..<count).map { i in
        DocumentFields(key: "d\(i).html", title: lines(0...2), headings: lines(headingLines), body: lines(bodyLines))
    }
}
