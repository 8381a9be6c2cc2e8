// quarry-ranking-benchmark: ranking quality of the current engine and its defaults.
//
//   swift run -c release quarry-ranking-benchmark [--out DIR]
//
// 1. Corpus/: the repository's own topics (Corpus/topics.tsv, as typed) against Corpus/qrels.trec.
// 2. Cranfield (../shared/data/cranfield, or $QUARRY_CRANFIELD), when present: 225 queries as a
//    lower-cased bag of words, top 1000, exactly as the peer harness runs every engine, printed
//    beside the peers' scores from runs/results.json (or Quarry alone, saying so).
// Writes DIR/ranking-results.json (default Benchmarks/.build/ranking/) for
// scripts/ranking-chart.py, which draws nDCG@10 against query latency.
import BenchmarkSupport
import Foundation
import Quarry

func say(_ s: String = "") { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }
func warn(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// Columns shown for every system, with the peers' JSON key for each.
let columns: [(label: String, measure: Measure, peerKey: String)] = [
    ("nDCG@10", .ndcgCut(10), "ndcg_cut_10"), ("MAP", .averagePrecision, "map_cut_1000"),
    ("P@10", .precision(10), "P_10"), ("R@100", .recall(100), "recall_100"), ("MRR@10", .reciprocalRankCut(10), "mrr_10"),
]

func markdownTable(_ rows: [(name: String, values: [Double], latency: Double?)]) -> String {
    var lines = ["| system | " + columns.map(\.label).joined(separator: " | ") + " | ms/query |",
                 "|---|" + String(repeating: "---:|", count: columns.count + 1)]
    for row in rows {
        let latency = row.latency.map { String(format: "%.2f", $0 * 1000) } ?? "–"
        lines.append("| \(row.name) | " + row.values.map { String(format: "%.4f", $0) }.joined(separator: " | ")
                     + " | \(latency) |")
    }
    return lines.joined(separator: "\n")
}

var outDirectory = BenchmarkData.repositoryRoot + "/Benchmarks/.build/ranking"
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--out", let value = arguments.popFirst() { outDirectory = value } else {
        warn("usage: quarry-ranking-benchmark [--out DIR]")
        exit(2)
    }
}

var report: [String: Any] = ["parameters": [
    "k1": BM25Parameters.default.k1, "b": BM25Parameters.default.b, "field_weights": BM25Parameters.default.fieldWeights,
]]

do {
    // 1. Corpus/ — the project's own multilingual crawl and topics.
    let corpus = BenchmarkData.corpusDirectory
    let own = try RankingEvaluation(name: "corpus", crawl: corpus, topics: corpus + "/topics.tsv",
                                    qrels: corpus + "/qrels.trec", plain: false).run()
    say("## Corpus/ (\(own.documents) documents, \(own.queries) topics as typed, top 1000)\n")
    say(markdownTable([("quarry", columns.map { own.result.summary[$0.measure] ?? 0 },
                        own.querySeconds / Double(max(1, own.queries)))]))
    report["corpus"] = Dictionary(uniqueKeysWithValues: columns.map { ($0.peerKey, own.result.summary[$0.measure] ?? 0) })

    // 2. Cranfield beside the peers.
    if let cranfield = BenchmarkData.cranfieldDirectory {
        let outcome = try RankingEvaluation(name: "cranfield", crawl: cranfield + "/html",
                                            topics: cranfield + "/queries.tsv", qrels: cranfield + "/qrels.txt",
                                            plain: true).run()
        var rows: [(name: String, values: [Double], latency: Double?)] = [
            ("**quarry**", columns.map { outcome.result.summary[$0.measure] ?? 0 },
             outcome.querySeconds / Double(max(1, outcome.queries))),
        ]
        var chart: [[String: Any]] = [[
            "system": "quarry", "ndcg_cut_10": rows[0].values[0], "seconds_per_query": rows[0].latency ?? 0,
        ]]
        let peersPath = cranfield + "/runs/results.json"
        if let peers = PeerScores.load(path: peersPath) {
            for p in peers.rows {
                rows.append((p.name, columns.map { p.means[$0.peerKey] ?? .nan }, p.secondsPerQuery))
                chart.append(["system": p.name, "ndcg_cut_10": p.means["ndcg_cut_10"] ?? 0,
                              "seconds_per_query": p.secondsPerQuery ?? 0])
            }
        }
        rows.sort { $0.values[0] > $1.values[0] }
        say("\n## Cranfield (\(outcome.documents) documents, \(outcome.queries) queries as bags of words, top 1000)\n")
        say(markdownTable(rows))
        if PeerScores.load(path: peersPath) == nil {
            say("\n(no peer scores: \(peersPath) is missing — Quarry alone; run the peers with "
                + "../shared/peers/relevance/run_peers.py to compare)")
        } else {
            say("\nPeers from \(peersPath); latency = in-process wall time per query at top 1000 "
                + "(peers: the harness's query_s / queries; same machine only if run together).")
        }
        report["cranfield"] = ["systems": chart,
                               "quarry": Dictionary(uniqueKeysWithValues: columns.map {
                                   ($0.peerKey, outcome.result.summary[$0.measure] ?? 0) })]
    } else {
        say("\n(Cranfield not found at ../shared/data/cranfield; set QUARRY_CRANFIELD to score it.)")
    }

    try FileManager.default.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
    let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
    let path = outDirectory + "/ranking-results.json"
    try data.write(to: URL(fileURLWithPath: path))
    say("\nwrote \(path) (chart: python3 scripts/ranking-chart.py \(path) docs/ranking-cranfield.svg)")
} catch {
    warn("quarry-ranking-benchmark: \(error)")
    exit(1)
}
