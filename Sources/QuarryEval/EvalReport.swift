import Foundation

/// Terminal renderings of results and comparisons. Returns strings; the CLI prints them.
///
/// Values are shown to 4 decimals (trec_eval's precision), counts as integers. For a stable
/// machine-readable form use ``EvalJSON`` instead: these tables may change layout.
public enum EvalReport {
    /// One row per measure: label, trec_eval name, value over all queries.
    public static func summaryTable(_ result: EvalResult) -> String {
        var table = TextTable(header: ["measure", "name", "all"], leftAligned: 2)
        for measure in result.measures {
            table.append([measure.label, measure.name, format(result.summary[measure] ?? 0, measure)])
        }
        return header(result) + table.render()
    }

    /// One row per query, one column per measure (trec_eval names), and a final `all` row.
    public static func perQueryTable(_ result: EvalResult) -> String {
        var table = TextTable(header: ["qid"] + result.measures.map(\.name))
        for qid in result.queryIDs {
            table.append([qid] + result.measures.map { format(result.value($0, query: qid) ?? 0, $0) })
        }
        table.append(["all"] + result.measures.map { format(result.summary[$0] ?? 0, $0) })
        return header(result) + table.render()
    }

    /// One row per measure: both means, the mean difference, wins/losses/ties (A vs B) and both p-values.
    public static func comparisonTable(_ comparisons: [Comparison]) -> String {
        guard let first = comparisons.first else { return "" }
        var text = "A: \(first.runA)  B: \(first.runB)  queries: \(first.queries.count)  "
            + "(randomization test: \(first.permutations) permutations, seed \(first.seed))\n"
        var table = TextTable(header: ["measure", "A", "B", "A-B", "wins", "losses", "ties", "t-test p", "rand. p"])
        for comparison in comparisons {
            let measure = comparison.measure
            table.append([
                measure.name, format(comparison.meanA, measure), format(comparison.meanB, measure),
                signed(comparison.meanA - comparison.meanB),
                String(comparison.wins), String(comparison.losses), String(comparison.ties),
                comparison.tTest.map { pValue($0.p) } ?? "n/a", pValue(comparison.randomizationP),
            ])
        }
        text += table.render()
        return text
    }

    /// Per-query scores of a comparison: A, B and A − B for each query.
    public static func comparisonPerQueryTable(_ comparison: Comparison) -> String {
        var table = TextTable(header: ["qid", "A " + comparison.measure.name, "B", "A-B"])
        for query in comparison.queries {
            table.append([
                query.qid, format(query.a, comparison.measure), format(query.b, comparison.measure),
                signed(query.difference),
            ])
        }
        return table.render()
    }

    private static func header(_ result: EvalResult) -> String {
        var line = "run: \(result.runTag.isEmpty ? "(untagged)" : result.runTag)  queries: \(result.queryIDs.count)"
        if !result.missingQueries.isEmpty {
            line += "  (\(result.missingQueries.count) judged but not in the run, scored 0)"
        }
        if !result.ignoredQueries.isEmpty {
            line += "  (\(result.ignoredQueries.count) in the run without judgments, ignored)"
        }
        return line + "\n"
    }

    static func format(_ value: Double, _ measure: Measure) -> String {
        measure.isCount ? String(Int(value.rounded())) : String(format: "%.4f", value)
    }

    private static func signed(_ value: Double) -> String {
        String(format: "%+.4f", value)
    }

    private static func pValue(_ p: Double) -> String {
        p < 0.0001 ? "<0.0001" : String(format: "%.4f", p)
    }
}
