import ArgumentParser
import Foundation
import Quarry
import QuarryEval  // not yet re-exported by Quarry/Exports.swift; harmless once it is

/// `quarry eval`: score a TREC run against qrels with trec_eval semantics, compare two runs, or
/// run a topics file through an index and score the result.
///
/// All scoring lives in QuarryEval and all searching in QuarrySearch; this command only reads
/// arguments, loads files, glues the two together and prints.
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

            --index DIR --topics FILE runs each topic (qid<TAB>query) through the engine, exactly as \
            `quarry batch --limit 1000` would (docno = key without extension, scores rounded to 6 \
            decimals as in a run file), then scores the run; --save-run FILE also writes it. \
            --plain turns each topic into a bag of words first (lower-cased, every character that is \
            not a letter or digit replaced by a space), as the peer harnesses do.
            """)

    @Option(help: ArgumentHelp("Relevance judgments: qid iter docno rel.", valueName: "file"))
    var qrels: String

    @Option(name: .customLong("run"), help: ArgumentHelp("TREC run to score: qid Q0 docno rank score tag.", valueName: "file"))
    var runFile: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Compare two runs (A then B) instead of scoring one.", valueName: "run-a run-b"))
    var compare: [String] = []

    @Option(help: ArgumentHelp("Index to run the topics through (with --topics).", valueName: "dir"))
    var index: String?

    @Option(help: ArgumentHelp("Topics to run through --index: qid<TAB>query per line.", valueName: "file"))
    var topics: String?

    @Option(help: ArgumentHelp("With --index: also write the run produced (TREC format).", valueName: "file"))
    var saveRun: String?

    @Option(help: "With --index: results per topic.")
    var limit: Int = 1000

    @Option(help: "With --index: the run tag.")
    var tag: String = "quarry"

    @Flag(help: "With --index: run each topic as a plain bag of words (lower-cased, non-alphanumerics to spaces).")
    var plain = false

    @Flag(help: "With --index: RM3 pseudo-relevance feedback (implies --plain; experimental, see docs/RANKING.md).")
    var prf = false

    @Option(help: "With --prf: feedback documents, feedback terms, original-query weight.")
    var prfParameters: String = "10,10,0.5"

    @OptionGroup var ranking: RankingOptions

    @Option(help: ArgumentHelp("Comma-separated trec_eval measure names.", valueName: "list"))
    var measures: String?

    @Flag(help: "Print one row per query.")
    var perQuery = false

    @Flag(help: "Print JSON (stable schema: queries, run, missing_queries, means, per_query).")
    var json = false

    func validate() throws {
        if (index == nil) != (topics == nil) { throw ValidationError("--index and --topics go together") }
        let sources = [runFile != nil, !compare.isEmpty, index != nil].filter { $0 }.count
        if sources > 1 { throw ValidationError("give one of --run, --compare or --index/--topics") }
        if sources == 0 {
            throw ValidationError("missing --run <file> (or --compare <run-a> <run-b>, or --index <dir> --topics <file>)")
        }
        if saveRun != nil && index == nil { throw ValidationError("--save-run needs --index and --topics") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if prf && index == nil { throw ValidationError("--prf needs --index and --topics") }
        if RM3(parameters: prfParameters) == nil {
            throw ValidationError("--prf-parameters needs docs,terms,weight (e.g. 10,10,0.5): docs, terms ≥ 1, weight in 0…1")
        }
        if !compare.isEmpty && compare.count != 2 {
            throw ValidationError("--compare takes exactly two run files, got \(compare.count)")
        }
    }

    func run() throws {
        if index != nil {
            try reportingErrors { write(try executeTopics()) }
            return
        }
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

    // MARK: - Running topics through the engine (`--index DIR --topics FILE`)

    /// Runs every topic through the index, optionally saves the run, and scores it.
    ///
    /// Errors: input files → `EvalError`, index → `IndexError`/`SearchError`; a topic the query
    /// parser rejects is reported on stderr and left out of the run, scoring 0 (as with `quarry batch`).
    private func executeTopics() throws -> String {
        guard let index, let topics else { throw CLIError("--index and --topics go together") }
        let judgments = try Qrels.load(path: qrels)
        let chosen = try chosenMeasures(defaults: Measure.defaults)
        let topicList = try Topics.load(path: topics)
        let searcher = Searcher(reader: try openIndex(index))
        var options = SearchOptions(limit: limit, parameters: try ranking.parameters(),
                                    language: try ranking.language(), snippets: false)
        options.loadDocuments = false
        options.exactTotal = false
        let feedback = prf ? RM3(parameters: prfParameters) : nil
        let produced = try Self.runTopics(topicList, searcher: searcher, options: options, plain: plain || prf,
                                          feedback: feedback)
        for failure in produced.failures { Terminal.err("quarry: topic \(failure.qid): \(failure.error)") }
        let run = try Run(tag: tag, rankings: produced.rankings)
        if let saveRun {
            do {
                try Self.trecRunText(run, order: topicList.topics.map(\.id))
                    .write(toFile: saveRun, atomically: true, encoding: .utf8)
            } catch { throw CLIError("cannot write \(saveRun): \(error.localizedDescription)") }
        }
        Terminal.err(Self.timingSummary(produced.seconds))
        return report(run: run, qrels: judgments, measures: chosen)
    }

    /// What running a topics file produced: rankings per qid, per-topic seconds, rejected topics.
    struct TopicsOutcome {
        var rankings: [String: [RankedDocument]] = [:]
        var seconds: [Double] = []
        var failures: [(qid: String, error: SearchError)] = []
    }

    /// Runs each topic and converts the hits into run entries.
    ///
    /// docno = the key without its extension (`BatchCommand.docno`); should two keys map to the
    /// same docno (`a.html`, `a.txt`), the better-ranked one is kept, since a run cannot list a
    /// document twice. Scores are rounded to 6 decimals, as `quarry batch` writes them, so the
    /// in-memory run and a saved or batch-produced run evaluate identically (ties included).
    static func runTopics(_ topics: Topics, searcher: Searcher, options: SearchOptions,
                          plain: Bool, feedback: RM3? = nil) throws(SearchError) -> TopicsOutcome {
        var outcome = TopicsOutcome()
        for topic in topics.topics {
            let text = plain ? bagOfWords(topic.text) : topic.text
            let started = DispatchTime.now().uptimeNanoseconds
            var ranked: [RankedDocument] = []
            do {
                let results: SearchResults
                if let feedback {
                    results = try feedback.search(text, searcher: searcher, options: options)
                } else {
                    results = try searcher.search(text, options: options)
                }
                var seen: Set<String> = []
                for hit in results.hits {
                    let docno = BatchCommand.docno(hit.key)
                    guard seen.insert(docno).inserted else { continue }
                    ranked.append(RankedDocument(docno: docno, score: rounded(hit.score)))
                }
            } catch .query(let e) {
                outcome.failures.append((topic.id, .query(e)))
            }
            outcome.seconds.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            // A topic with no hits is left out, as it is from a run file, so it is reported the
            // same way (a missing query, scoring 0) whichever path produced the run.
            if !ranked.isEmpty { outcome.rankings[topic.id] = ranked }
        }
        return outcome
    }

    /// The peer harnesses' query normalization: lower-case, every non letter/digit (and `_`) to a space.
    static func bagOfWords(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            out.append(ch.isLetter || ch.isNumber ? ch : " ")
        }
        return out.split(separator: " ").joined(separator: " ")
    }

    /// A score as a run file stores it (`%.6f`), read back.
    static func rounded(_ score: Double) -> Double {
        Double(String(format: "%.6f", score)) ?? score
    }

    /// The run as TREC text, `qid Q0 docno rank score tag`, queries in `order`, ranks from 1.
    static func trecRunText(_ run: Run, order: [String]) -> String {
        var text = ""
        for qid in order {
            for (i, d) in (run.rankings[qid] ?? []).enumerated() {
                text += "\(qid) Q0 \(d.docno) \(i + 1) \(String(format: "%.6f", d.score)) \(run.tag)\n"
            }
        }
        return text
    }

    /// `N topics in S s, p50 X ms, p99 Y ms`, the latency line `quarry batch` prints.
    static func timingSummary(_ times: [Double]) -> String {
        let sorted = times.sorted()
        func pct(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))] * 1000
        }
        return String(format: "quarry eval: %d topics in %.3f s, p50 %.3f ms, p99 %.3f ms",
                      times.count, times.reduce(0, +), pct(0.5), pct(0.99))
    }

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
