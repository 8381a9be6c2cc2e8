/// The stable JSON forms of results and comparisons.
///
/// Evaluation (`quarry eval --json`), schema version 1:
/// ```
/// {"queries": N,                     // number of evaluated queries (trec_eval -c)
///  "run": "tag",
///  "missing_queries": ["qid", ...],  // judged, relevant docs exist, absent from the run: scored 0
///  "means": {"ndcg_cut_10": 0.35, ..., "num_rel": 1612},   // counts are sums (trec_eval `all`)
///  "per_query": {"1": {"ndcg_cut_10": 0.5, ...}, ...}}
/// ```
/// Comparison (`quarry eval --compare A B --json`):
/// ```
/// {"run_a": "tagA", "run_b": "tagB", "queries": N, "permutations": 10000, "seed": S,
///  "measures": {"ndcg_cut_10": {"mean_a": x, "mean_b": y, "mean_difference": x - y,
///                               "wins": w, "losses": l, "ties": t,
///                               "t": t, "t_test_p": p, "randomization_p": p,
///                               "per_query": {"1": {"a": x, "b": y, "difference": d}, ...}}}}
/// ```
/// Measure keys are trec_eval names (``Measure/name``) in the order requested; query keys in
/// numeric order; counts are integers; other numbers are printed with full precision; a value
/// that cannot be computed (a t-test over fewer than two queries) is `null`. New keys may be
/// added; existing keys keep their meaning.
public enum EvalJSON {
    public static func encode(_ result: EvalResult) -> String {
        var means = JSONObject()
        for measure in result.measures { means[measure.name] = number(result.summary[measure] ?? 0, measure) }
        var perQuery = JSONObject()
        for qid in result.queryIDs {
            var values = JSONObject()
            for measure in result.measures {
                values[measure.name] = number(result.value(measure, query: qid) ?? 0, measure)
            }
            perQuery[qid] = .object(values)
        }
        var root = JSONObject()
        root["queries"] = .integer(result.queryIDs.count)
        root["run"] = .string(result.runTag)
        root["missing_queries"] = .array(result.missingQueries.map(JSONValue.string))
        root["means"] = .object(means)
        root["per_query"] = .object(perQuery)
        return JSONValue.object(root).serialized(indent: 0) + "\n"
    }

    public static func encode(_ comparisons: [Comparison]) -> String {
        var root = JSONObject()
        let first = comparisons.first
        root["run_a"] = .string(first?.runA ?? "")
        root["run_b"] = .string(first?.runB ?? "")
        root["queries"] = .integer(first?.queries.count ?? 0)
        root["permutations"] = .integer(first?.permutations ?? Significance.defaultPermutations)
        root["seed"] = .integer(Int(truncatingIfNeeded: first?.seed ?? Significance.defaultSeed))
        var measures = JSONObject()
        for comparison in comparisons {
            let measure = comparison.measure
            var entry = JSONObject()
            entry["mean_a"] = .double(comparison.meanA)
            entry["mean_b"] = .double(comparison.meanB)
            entry["mean_difference"] = .double(comparison.meanA - comparison.meanB)
            entry["wins"] = .integer(comparison.wins)
            entry["losses"] = .integer(comparison.losses)
            entry["ties"] = .integer(comparison.ties)
            entry["t"] = comparison.tTest.map { $0.t.isFinite ? .double($0.t) : .null } ?? .null
            entry["t_test_p"] = comparison.tTest.map { .double($0.p) } ?? .null
            entry["randomization_p"] = .double(comparison.randomizationP)
            var perQuery = JSONObject()
            for query in comparison.queries {
                var values = JSONObject()
                values["a"] = number(query.a, measure)
                values["b"] = number(query.b, measure)
                values["difference"] = number(query.difference, measure)
                perQuery[query.qid] = .object(values)
            }
            entry["per_query"] = .object(perQuery)
            measures[measure.name] = .object(entry)
        }
        root["measures"] = .object(measures)
        return JSONValue.object(root).serialized(indent: 0) + "\n"
    }

    private static func number(_ value: Double, _ measure: Measure) -> JSONValue {
        measure.isCount ? .integer(Int(value.rounded())) : .double(value)
    }
}
