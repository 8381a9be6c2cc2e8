/// The scores of one run: a value per (query, measure), and the summary row.
///
/// Which queries are in it follows `trec_eval -c`: every query that has judgments and appears in
/// the run, plus every judged query with at least one relevant document that the run lacks
/// (scored 0, its `num_rel` kept). Queries the run answers but nobody judged are left out and
/// listed in ``ignoredQueries``.
public struct EvalResult: Equatable, Sendable {
    /// The run's tag.
    public let runTag: String
    /// The measures computed, in the order requested.
    public let measures: [Measure]
    /// The evaluated queries, numeric ids in numeric order.
    public let queryIDs: [String]
    /// Value of every measure for every query in ``queryIDs``.
    public let perQuery: [String: [Measure: Double]]
    /// Mean over ``queryIDs``, except counts (`num_*`), which are sums as in trec_eval's `all` row.
    public let summary: [Measure: Double]
    /// Judged queries with relevant documents that the run did not answer; included as zeros.
    public let missingQueries: [String]
    /// Queries in the run without any judgment; not evaluated.
    public let ignoredQueries: [String]

    public init(
        runTag: String, measures: [Measure], perQuery: [String: [Measure: Double]],
        missingQueries: [String], ignoredQueries: [String]
    ) {
        self.runTag = runTag
        self.measures = measures
        self.perQuery = perQuery
        self.queryIDs = QueryOrder.sorted(perQuery.keys)
        self.missingQueries = QueryOrder.sorted(missingQueries)
        self.ignoredQueries = QueryOrder.sorted(ignoredQueries)
        var summary: [Measure: Double] = [:]
        for measure in measures {
            // Summed in query order so the result does not depend on dictionary order.
            let total = queryIDs.reduce(0.0) { $0 + (perQuery[$1]?[measure] ?? 0) }
            summary[measure] = measure.isCount || queryIDs.isEmpty ? total : total / Double(queryIDs.count)
        }
        self.summary = summary
    }

    /// The value of `measure` for `qid`, or `nil` if the query or measure was not evaluated.
    public func value(_ measure: Measure, query qid: String) -> Double? {
        perQuery[qid]?[measure]
    }
}
