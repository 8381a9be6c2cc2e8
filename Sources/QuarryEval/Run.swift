/// One retrieved document and the score the system gave it.
public struct RankedDocument: Equatable, Sendable {
    public let docno: String
    public let score: Double

    public init(docno: String, score: Double) {
        self.docno = docno
        self.score = score
    }

    /// trec_eval's ranking order: higher score first; equal scores by docno *descending*,
    /// compared byte-wise (C `strcmp`), so `d9` ranks before `d10`.
    ///
    /// Evaluation always re-sorts with this rule and ignores a run's rank column, so a score
    /// tie is resolved the same way here, in trec_eval and in pytrec_eval.
    static func trecOrder(_ a: RankedDocument, _ b: RankedDocument) -> Bool {
        if a.score != b.score { return a.score > b.score }
        return b.docno.utf8.lexicographicallyPrecedes(a.docno.utf8)
    }
}

/// A system's output: for each query, documents in trec_eval ranking order.
///
/// Build one from a TREC run file with ``parse(_:source:)``/``load(path:)``, or in memory with
/// ``init(tag:rankings:)`` when the engine produced the results itself (the `--index --topics`
/// path of `quarry eval`). Either way the per-query lists are stored sorted by
/// ``RankedDocument`` trec order, so every consumer sees the ranking trec_eval would.
public struct Run: Equatable, Sendable {
    /// The run tag (last column of the file); the first tag seen when a file mixes several.
    public let tag: String
    /// Ranked documents per query id, score descending, ties by docno descending.
    public let rankings: [String: [RankedDocument]]

    /// Creates a run from in-memory results; the given order is replaced by trec order.
    ///
    /// Throws ``EvalError/Kind/duplicateDocument(qid:docno:)`` if a query lists a document twice.
    /// Cost: O(n log n) for n documents.
    public init(tag: String, rankings: [String: [RankedDocument]]) throws(EvalError) {
        var sorted: [String: [RankedDocument]] = [:]
        for (qid, documents) in rankings {
            var seen: Set<String> = []
            for document in documents where !seen.insert(document.docno).inserted {
                throw EvalError(.duplicateDocument(qid: qid, docno: document.docno))
            }
            sorted[qid] = documents.sorted(by: RankedDocument.trecOrder)
        }
        self.tag = tag
        self.rankings = sorted
    }

    /// Parses a TREC run: `qid Q0 docno rank score tag`, whitespace-separated.
    ///
    /// The `Q0` and `rank` columns are ignored, as trec_eval ignores them; the score must be a
    /// finite number. A document repeated within a query is an error naming its second line.
    public static func parse(_ text: String, source: String? = nil) throws(EvalError) -> Run {
        var rankings: [String: [RankedDocument]] = [:]
        var seen: [String: Set<String>] = [:]
        var tag: String?
        try TextLines.forEachLine(in: text) { (line, number) throws(EvalError) in
            let fields = TextLines.fields(line)
            guard fields.count == 6 else {
                throw EvalError(
                    .fieldCount(expected: 6, found: fields.count), file: source, line: number,
                    detail: "qid Q0 docno rank score tag")
            }
            let qid = String(fields[0]), docno = String(fields[2])
            guard let score = Double(fields[4]), score.isFinite else {
                throw EvalError(.invalidNumber(field: "score", value: String(fields[4])), file: source, line: number)
            }
            guard seen[qid, default: []].insert(docno).inserted else {
                throw EvalError(.duplicateDocument(qid: qid, docno: docno), file: source, line: number)
            }
            if tag == nil { tag = String(fields[5]) }
            rankings[qid, default: []].append(RankedDocument(docno: docno, score: score))
        }
        // Duplicates were rejected above with their line numbers, so this cannot throw in practice.
        return try Run(tag: tag ?? "", rankings: rankings)
    }

    /// Reads and parses a run file.
    public static func load(path: String) throws(EvalError) -> Run {
        try parse(TextLines.read(path: path), source: path)
    }
}
