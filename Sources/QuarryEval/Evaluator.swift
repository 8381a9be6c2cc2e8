/// Scores runs against one set of judgments.
///
/// This is the entry point for callers that already hold a ``Run`` — notably `quarry eval
/// --index DIR --topics FILE`, which runs the topics through the engine, builds a `Run` in memory
/// with ``Run/init(tag:rankings:)`` and calls ``evaluate(_:)``: no run file is written.
///
/// The per-query judgment summaries (relevant count, ideal gains) are computed once here, so
/// evaluating several runs against the same qrels (e.g. `--compare`) does not redo them.
public struct Evaluator: Sendable {
    public let qrels: Qrels
    public let measures: [Measure]
    private let judged: [String: Metrics.Judged]

    public init(qrels: Qrels, measures: [Measure] = Measure.defaults) {
        self.qrels = qrels
        self.measures = measures
        self.judged = qrels.judgments.mapValues { Metrics.Judged(grades: $0) }
    }

    /// Scores `run` with `trec_eval -c` query semantics (see ``EvalResult``).
    ///
    /// Cost: O(total retrieved × measures) plus a dictionary lookup per retrieved document.
    public func evaluate(_ run: Run) -> EvalResult {
        var perQuery: [String: [Measure: Double]] = [:]
        var ignored: [String] = []
        for (qid, ranking) in run.rankings {
            guard let summary = judged[qid], let grades = qrels.judgments[qid] else {
                ignored.append(qid)
                continue
            }
            perQuery[qid] = scores(ranking.map { grades[$0.docno] }, summary)
        }
        var missing: [String] = []
        for (qid, summary) in judged where run.rankings[qid] == nil && summary.relevantCount > 0 {
            missing.append(qid)
            perQuery[qid] = scores([], summary)
        }
        return EvalResult(
            runTag: run.tag, measures: measures, perQuery: perQuery,
            missingQueries: missing, ignoredQueries: ignored)
    }

    private func scores(_ grades: [Int?], _ summary: Metrics.Judged) -> [Measure: Double] {
        var values: [Measure: Double] = [:]
        for measure in measures {
            values[measure] = Metrics.value(measure, grades: grades, judged: summary)
        }
        return values
    }
}
