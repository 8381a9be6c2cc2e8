/// Relevance judgments: for each query, the judged documents and their integer grades.
///
/// File format (trec_eval's qrels): `qid iter docno rel`, whitespace-separated, one judgment per
/// line; `iter` is ignored. Grades are integers and may exceed 1 (graded relevance, used as the
/// nDCG gain) or be negative (judged, never relevant, zero gain). A document is *relevant* when
/// its grade is at least ``relevanceLevel`` (1, trec_eval's default `-l1`).
public struct Qrels: Equatable, Sendable {
    /// trec_eval's default relevance threshold.
    public static let relevanceLevel = 1

    /// Grades by query id, then by document id.
    public let judgments: [String: [String: Int]]

    public init(_ judgments: [String: [String: Int]]) {
        self.judgments = judgments
    }

    /// Number of documents judged relevant for `qid` (trec_eval's `num_rel`).
    public func relevantCount(for qid: String) -> Int {
        judgments[qid]?.values.count(where: { $0 >= Self.relevanceLevel }) ?? 0
    }

    /// Parses qrels text; `source` names the file in errors.
    ///
    /// A repeated (qid, docno) pair is an error, as in trec_eval: silently keeping one grade
    /// would make the score depend on line order.
    public static func parse(_ text: String, source: String? = nil) throws(EvalError) -> Qrels {
        var judgments: [String: [String: Int]] = [:]
        try TextLines.forEachLine(in: text) { (line, number) throws(EvalError) in
            let fields = TextLines.fields(line)
            guard fields.count == 4 else {
                throw EvalError(
                    .fieldCount(expected: 4, found: fields.count), file: source, line: number,
                    detail: "qid iter docno rel")
            }
            let qid = String(fields[0]), docno = String(fields[2])
            guard let grade = Int(fields[3]) else {
                throw EvalError(.invalidNumber(field: "relevance", value: String(fields[3])), file: source, line: number)
            }
            if judgments[qid, default: [:]].updateValue(grade, forKey: docno) != nil {
                throw EvalError(.duplicateDocument(qid: qid, docno: docno), file: source, line: number)
            }
        }
        return Qrels(judgments)
    }

    /// Reads and parses a qrels file.
    public static func load(path: String) throws(EvalError) -> Qrels {
        try parse(TextLines.read(path: path), source: path)
    }
}
