import ArgumentParser
import Quarry

/// Ranking options shared by `search`, `batch` and `eval`.
struct RankingOptions: ParsableArguments {
    @Option(name: .long, help: "BM25 k1 (term-frequency saturation).") var k1: Double = BM25Parameters.default.k1
    @Option(name: .long, help: "BM25 b (length normalization, 0…1).") var b: Double = BM25Parameters.default.b
    @Option(name: .long, help: "BM25F field weights title,headings,body.")
    var weights: String = BM25Parameters.default.fieldWeights.map { String(format: "%g", $0) }.joined(separator: ",")
    @Option(name: .long, help: "Query language (ISO 639-1), e.g. de; default: the index's.") var lang: String?

    func parameters() throws -> BM25Parameters {
        let w = weights.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard w.count == 3, w.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw CLIError("--weights needs three non-negative numbers: title,headings,body (e.g. 2,1,1)")
        }
        guard k1 >= 0, k1.isFinite else { throw CLIError("--k1 must be a non-negative number") }
        guard (0...1).contains(b) else { throw CLIError("--b must be between 0 and 1") }
        return BM25Parameters(k1: k1, b: b, fieldWeights: w)
    }

    func language() throws -> Language? {
        guard let lang else { return nil }
        guard let l = Language(tag: lang) else { throw CLIError("--lang \(lang) is not a language tag such as en or de") }
        return l
    }
}

/// RM3 pseudo-relevance feedback options of `search` and `batch` (`eval` has its own).
struct FeedbackOptions: ParsableArguments {
    @Flag(name: .long, help: "RM3 pseudo-relevance feedback: expand the query from its top documents (see docs/RANKING.md).")
    var prf = false
    @Option(name: .long, help: "With --prf: feedback documents, feedback terms, original-query weight.")
    var prfParameters: String = "10,10,0.5"

    func feedback() throws -> RM3? {
        guard prf else { return nil }
        guard let rm3 = RM3(parameters: prfParameters) else {
            throw CLIError("--prf-parameters needs docs,terms,weight (e.g. 10,10,0.5): docs, terms ≥ 1, weight in 0…1")
        }
        return rm3
    }
}

/// Opens the index named by `--index`, or prepares the default one. Every file's checksum is
/// verified (one CRC-32C pass, about 30 ms for a 50 MB index), so a damaged index fails with a
/// message naming the file instead of returning silently wrong results; a file already verified
/// by an earlier open and unchanged since is not read again (`ChecksumLedger`: on a 1M-document
/// index that pass was most of a one-query `quarry search`). `quarry check` verifies everything.
func openIndex(_ path: String?) throws -> IndexReader {
    let p = try path ?? DefaultIndex.prepare()
    return try IndexReader.open(try FSDirectory(path: p), verifyChecksums: true, rememberVerified: true)
}

import Foundation
