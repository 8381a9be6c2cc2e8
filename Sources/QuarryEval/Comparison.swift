/// Two runs compared on one measure, query by query, with significance tests.
///
/// Queries are paired over the union of both results' queries; a query that only one result
/// contains (judged, no relevant documents, answered by one run) scores 0 for the other.
/// A "win" means run A scored higher on that query.
public struct Comparison: Equatable, Sendable {
    /// One query's scores under both runs.
    public struct QueryDifference: Equatable, Sendable {
        public let qid: String
        public let a: Double
        public let b: Double
        /// `a − b`.
        public var difference: Double { a - b }
    }

    public let measure: Measure
    public let runA: String
    public let runB: String
    /// Per-query scores in query order.
    public let queries: [QueryDifference]
    public let meanA: Double
    public let meanB: Double
    public let wins: Int
    public let losses: Int
    public let ties: Int
    /// `nil` with fewer than two queries.
    public let tTest: Significance.TTest?
    /// Randomization test p-value (see ``Significance/randomizationTest(_:_:permutations:seed:)``).
    public let randomizationP: Double
    public let permutations: Int
    public let seed: UInt64

    /// Compares `a` and `b` on `measure`; both must have been evaluated with it.
    /// Differences within 1e-12 count as ties, so equal rankings never register as wins.
    public init(
        measure: Measure, a: EvalResult, b: EvalResult,
        permutations: Int = Significance.defaultPermutations, seed: UInt64 = Significance.defaultSeed
    ) {
        self.measure = measure
        self.runA = a.runTag
        self.runB = b.runTag
        self.permutations = permutations
        self.seed = seed
        let ids = QueryOrder.sorted(Set(a.queryIDs).union(b.queryIDs))
        queries = ids.map {
            QueryDifference(qid: $0, a: a.value(measure, query: $0) ?? 0, b: b.value(measure, query: $0) ?? 0)
        }
        let count = Double(max(queries.count, 1))
        meanA = queries.reduce(0) { $0 + $1.a } / count
        meanB = queries.reduce(0) { $0 + $1.b } / count
        wins = queries.count(where: { $0.difference > 1e-12 })
        losses = queries.count(where: { $0.difference < -1e-12 })
        ties = queries.count - wins - losses
        let scoresA = queries.map(\.a), scoresB = queries.map(\.b)
        tTest = Significance.pairedTTest(scoresA, scoresB)
        randomizationP = queries.isEmpty
            ? 1 : Significance.randomizationTest(scoresA, scoresB, permutations: permutations, seed: seed)
    }
}
