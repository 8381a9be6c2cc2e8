import ArgumentParser
import Foundation
import Quarry
import QuarryEval  // not yet re-exported by Quarry/Exports.swift; harmless once it is

/// `quarry eval`: score a TREC run against qrels with trec_eval semantics, or compare two runs.
///
/// All scoring lives in QuarryEval; this command only reads arguments, loads files and prints.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a TREC run against relevance judgments (trec_eval semantics), or compare two runs.",
        discussion: """
            Measures use trec_eval names: ndcg, ndcg_cut_K, map, map_cut_K, P_K, recall_K, recip_rank, \
            recip_rank@K (MRR@K), num_rel, num_ret, num_rel_ret. Default: ndcg_cut_10, map, P_10, \
            recall_100, recip_rank@10. Runs are ranked by score, ties by docno descending (trec_eval); \
            the rank column is ignored. Judged queries missing from a run score 0 (trec_eval -c).

            --compare A B prints, per measure (default ndcg_cut_10), both means, wins/losses/ties of A \
            over B, a paired two-sided t-test p-value and a paired randomization test p-value \
            (10,000 sign-flip permutations, fixed seed).
            """)

    @Option(help: ArgumentHelp("Relevance judgments: qid iter docno rel.", valueName: "file"))
    var qrels: String

    @Option(name: .customLong("run"), help: ArgumentHelp("TREC run to score: qid Q0 docno rank score tag.", valueName: "file"))
    var runFile: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Compare two runs (A then B) instead of scoring one.", valueName: "run-a run-b"))
    var compare: [String] = []

    @Option(help: ArgumentHelp("Comma-separated trec_eval measure names.", valueName: "list"))
    var measures: String?

    @Flag(help: "Print one row per query.")
    var perQuery = false

    @Flag(help: "Print JSON (stable schema: queries, run, missing_queries, means, per_query).")
    var json = false

    func validate() throws {
        if runFile != nil && !compare.isEmpty { throw ValidationError("give either --run or --compare, not both") }
        if runFile == nil && compare.isEmpty { throw ValidationError("missing --run <file> (or --compare <run-a> <run-b>)") }
        if !compare.isEmpty && compare.count != 2 {
            throw ValidationError("--compare takes exactly two run files, got \(compare.count)")
        }
    }

    func run() throws {
        do {
            write(try execute())
        } catch {
            FileHandle.standardError.write(Data("quarry: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Loads the inputs and renders the requested report; every input problem is an `EvalError`.
    private func execute() throws(EvalError) -> String {
        let judgments = try Qrels.load(path: qrels)
        if let runPath = runFile {
            let chosen = try chosenMeasures(defaults: Measure.defaults)
            return report(run: try Run.load(path: runPath), qrels: judgments, measures: chosen)
        }
        let chosen = try chosenMeasures(defaults: [.ndcgCut(10)])
        let runA = try Run.load(path: compare[0])
        let runB = try Run.load(path: compare[1])
        return comparisonReport(runA: runA, runB: runB, qrels: judgments, measures: chosen)
    }

    private func chosenMeasures(defaults: [Measure]) throws(EvalError) -> [Measure] {
        guard let measures else { return defaults }
        return try Measure.parseList(measures)
    }

    // MARK: - EXTENSION POINT for `--index DIR --topics FILE`
    //
    // To score the engine directly: load `Topics.load(path:)`, run each topic through the
    // searcher, build `try Run(tag:rankings:)` from the hits ([qid: [RankedDocument(docno:score:)]],
    // docno = the document key as `quarry batch` writes it), then call `report(run:qrels:measures:)`.
    // `Evaluator(qrels:measures:).evaluate(_:)` is the library entry point both paths share.

    /// Renders the evaluation of an already-parsed (or in-memory) run in the requested format.
    func report(run: Run, qrels: Qrels, measures: [Measure]) -> String {
        let result = Evaluator(qrels: qrels, measures: measures).evaluate(run)
        if json { return EvalJSON.encode(result) }
        return perQuery ? EvalReport.perQueryTable(result) : EvalReport.summaryTable(result)
    }

    /// Renders the comparison of two runs on each measure in the requested format.
    func comparisonReport(runA: Run, runB: Run, qrels: Qrels, measures: [Measure]) -> String {
        let evaluator = Evaluator(qrels: qrels, measures: measures)
        let a = evaluator.evaluate(runA), b = evaluator.evaluate(runB)
        let comparisons = measures.map { Comparison(measure: $0, a: a, b: b) }
        if json { return EvalJSON.encode(comparisons) }
        var text = EvalReport.comparisonTable(comparisons)
        if perQuery {
            for comparison in comparisons { text += "\n" + EvalReport.comparisonPerQueryTable(comparison) }
        }
        return text
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
