import Foundation
import QuarryIndex

/// A score as a tree whose labels state the formula and its inputs (`--explain`).
public struct Explanation: Sendable, Equatable {
    public var value: Double
    public var description: String
    public var details: [Explanation]

    public init(_ value: Double, _ description: String, _ details: [Explanation] = []) {
        self.value = value
        self.description = description
        self.details = details
    }

    /// Indented text rendering, one node per line.
    public func render(indent: Int = 0) -> String {
        var s = String(repeating: "  ", count: indent) + String(format: "%.6f", value) + " = " + description + "\n"
        for d in details { s += d.render(indent: indent + 1) }
        return s
    }
}

/// Recomputes one document's score clause by clause, explaining each number.
struct Explainer {
    let reader: IndexReader
    let segment: SegmentReader
    let parameters: BM25Parameters
    let statistics: CollectionStatistics

    func explain(_ w: Weight, doc: UInt32) throws(IndexError) -> Explanation? {
        switch w {
        case .nothing:
            return nil
        case .term(let term, let fields, _, let idf, let boost):
            guard let c = try segment.cursor(term), try c.advance(to: doc) == doc else { return nil }
            let tf = (c.tf(.title), c.tf(.headings), c.tf(.body))
            if let fields, !fields.contains(where: { c.tf($0) > 0 }) { return nil }
            if boost == 0 { return Explanation(0, "filter \(printable(term)) (matches, no score)") }
            return bm25(label: "term \(term)", tf: tf, idf: idf, idfLabel: try idfLabel(term, idf: idf), boost: boost, fields: fields, doc: doc)
        case .phrase(let terms, _, let slop, let fields, _, let idf, let boost):
            // Re-run the phrase scorer on this document to get its per-field phrase frequency.
            let factory = ScorerFactory(segment: segment, parameters: parameters, statistics: statistics)
            guard let scorer = try factory.make(w), try scorer.advance(to: doc) == doc, let ps = scorer as? PhraseScorer else { return nil }
            let tf = ps.frequencies
            var idfParts: [Explanation] = []
            for t in terms {
                let df = try df(t)
                idfParts.append(Explanation(BM25Parameters.idf(docCount: statistics.docCount, docFreq: df),
                                            "idf(\(t)) = ln(1 + (N − df + 0.5) / (df + 0.5)), N = \(statistics.docCount), df = \(df)"))
            }
            let label = "phrase \"\(terms.joined(separator: " "))\"" + (slop > 0 ? "~\(slop)" : "")
            var e = bm25(label: label, tf: tf, idf: idf, idfLabel: "idf = sum of the phrase terms' idf", boost: boost, fields: fields, doc: doc)
            e.details[1].details = idfParts
            return e
        case .anyOf(let alternatives):
            var best: Explanation? = nil
            for a in alternatives {
                if let e = try explain(a, doc: doc), e.value > (best?.value ?? -1) { best = e }
            }
            return best.map { Explanation($0.value, "best of the word's stems in the index's languages", [$0]) }
        case .boolean(let must, let should, let mustNot):
            for n in mustNot where try explain(n, doc: doc) != nil { return nil }
            var parts: [Explanation] = []
            for m in must {
                guard let e = try explain(m, doc: doc) else { return nil }
                parts.append(e)
            }
            for s in should { if let e = try explain(s, doc: doc) { parts.append(e) } }
            if must.isEmpty && parts.isEmpty { return nil }
            return Explanation(parts.reduce(0) { $0 + $1.value }, "sum of matching clauses", parts)
        }
    }

    /// Document frequency over the whole index (what the idf was computed from).
    private func df(_ term: String) throws(IndexError) -> UInt64 { try reader.docFreq(term) }

    private func printable(_ term: String) -> String { term.replacingOccurrences(of: "\u{1F}", with: "") }

    private func idfLabel(_ term: String, idf: Double) throws(IndexError) -> String {
        let plain = BM25Parameters.idf(docCount: statistics.docCount, docFreq: try df(term))
        // A word matched through several languages' stems shares one idf (see QueryCompiler).
        let shared = abs(plain - idf) > 1e-12 ? " (shared by the word's stems in several languages)" : ""
        return "idf = ln(1 + (N − df + 0.5) / (df + 0.5)), N = \(statistics.docCount), df = \(try df(term))" + shared
    }

    private func bm25(label: String, tf: (UInt32, UInt32, UInt32), idf: Double, idfLabel: String, boost: Double,
                      fields: [Field]?, doc: UInt32) -> Explanation {
        let scoring = FieldScoring(parameters: parameters, statistics: statistics, fields: fields)
        let tfTilde = scoring.tfTilde(tf, doc: doc, segment: segment)
        var fieldParts: [Explanation] = []
        let tfs = [tf.0, tf.1, tf.2]
        let weights = [scoring.weights.0, scoring.weights.1, scoring.weights.2]
        for f in Field.allCases where tfs[f.rawValue] > 0 && weights[f.rawValue] > 0 {
            let len = segment.fieldLength(doc, f)
            let avg = statistics.averageLength[f.rawValue]
            // The scorer's own expression (b / avgLen precomputed), so the parts add up to the score.
            let scale = [scoring.lengthScale.0, scoring.lengthScale.1, scoring.lengthScale.2][f.rawValue]
            let v = weights[f.rawValue] * Double(tfs[f.rawValue]) / scoring.normalizer(len, scale)
            fieldParts.append(Explanation(v, "\(f): w · tf / (1 − b + b · len / avgLen), w = \(weights[f.rawValue]), tf = \(tfs[f.rawValue]), len = \(len), avgLen = \(String(format: "%.2f", avg)), b = \(parameters.b)"))
        }
        let saturation = scoring.saturate(tfTilde)
        return Explanation(boost * idf * saturation, "\(label): boost · idf · tf~ · (k1 + 1) / (k1 + tf~)", [
            Explanation(boost, "boost"),
            Explanation(idf, idfLabel),
            Explanation(saturation, "tf~ · (k1 + 1) / (k1 + tf~), k1 = \(parameters.k1)", [
                Explanation(tfTilde, "tf~ = sum over fields", fieldParts),
            ]),
        ])
    }
}
