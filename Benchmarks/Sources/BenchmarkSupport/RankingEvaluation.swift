import Foundation
import Quarry

/// One collection's ranking evaluation: index a crawl, run topics through the engine, score.
///
/// The same semantics as `quarry eval --index --topics` (docno = key without extension, scores
/// rounded to 6 decimals like a run file) so the benchmark and the CLI agree to the last digit.
public struct RankingEvaluation {
    public var name: String
    public var crawl: String
    public var topicsPath: String
    public var qrelsPath: String
    /// Turn each topic into a lower-cased bag of words (the peer harnesses' normalization).
    public var plain: Bool
    public var limit = 1000
    public var parameters = BM25Parameters.default

    public init(name: String, crawl: String, topics: String, qrels: String, plain: Bool) {
        self.name = name
        self.crawl = crawl
        topicsPath = topics
        qrelsPath = qrels
        self.plain = plain
    }

    public struct Outcome {
        public var result: EvalResult
        public var run: Run
        public var documents: UInt64
        public var indexSeconds: Double
        /// Wall time of all topics, in-process (index open and warm).
        public var querySeconds: Double
        public var queries: Int
        public var meanLatencyMilliseconds: Double { queries == 0 ? 0 : querySeconds * 1000 / Double(queries) }
    }

    public func run(measures: [Measure] = Measure.defaults) throws -> Outcome {
        let indexPath = BenchmarkData.temporaryDirectory("quarry-ranking-\(name)")
        defer { try? FileManager.default.removeItem(atPath: indexPath) }
        let summary = try BenchmarkData.buildIndex(roots: [CrawlRoot(path: crawl)], at: indexPath,
                                                   threads: ProcessInfo.processInfo.activeProcessorCount)
        let searcher = Searcher(reader: try IndexReader.open(try FSDirectory(path: indexPath)))
        let topics = try Topics.load(path: topicsPath)
        var options = SearchOptions(limit: limit, parameters: parameters, snippets: false)
        options.loadDocuments = false  // a run needs keys only, as `quarry batch` does
        options.exactTotal = false
        var rankings: [String: [RankedDocument]] = [:]
        let started = DispatchTime.now().uptimeNanoseconds
        for topic in topics.topics {
            var ranked: [RankedDocument] = []
            var seen: Set<String> = []
            if let results = try? searcher.search(plain ? Self.bagOfWords(topic.text) : topic.text, options: options) {
                for hit in results.hits where seen.insert(Self.docno(hit.key)).inserted {
                    ranked.append(RankedDocument(docno: Self.docno(hit.key),
                                                 score: Double(String(format: "%.6f", hit.score)) ?? hit.score))
                }
            }
            rankings[topic.id] = ranked
        }
        let querySeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let run = try Run(tag: "quarry", rankings: rankings)
        let result = Evaluator(qrels: try Qrels.load(path: qrelsPath), measures: measures).evaluate(run)
        return Outcome(result: result, run: run, documents: summary.documents, indexSeconds: summary.seconds,
                       querySeconds: querySeconds, queries: topics.topics.count)
    }

    /// TREC docno: the key without its extension (as `quarry batch` writes it).
    public static func docno(_ key: String) -> String {
        guard let dot = key.lastIndex(of: "."), !key[dot...].contains("/") else { return key }
        return String(key[..<dot])
    }

    /// Lower-case; every character that is not a letter or digit becomes a space.
    public static func bagOfWords(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() { out.append(ch.isLetter || ch.isNumber ? ch : " ") }
        return out.split(separator: " ").joined(separator: " ")
    }
}

/// The peers' scores on a collection, from the relevance harness's `runs/results.json`.
public struct PeerScores {
    public struct Row {
        public var name: String
        public var means: [String: Double]
        /// Mean seconds per query (the harness's in-process `query_s` over the query count).
        public var secondsPerQuery: Double?
    }

    public var rows: [Row]

    /// nil when the file is missing or unreadable.
    public static func load(path: String) -> PeerScores? {
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let peers = root["peers"] as? [[String: Any]] else { return nil }
        let queries = (root["queries"] as? Int).map(Double.init)
        return PeerScores(rows: peers.compactMap { p in
            guard let name = p["peer"] as? String, let means = p["means"] as? [String: Any] else { return nil }
            var values: [String: Double] = [:]
            for (k, v) in means { if let d = v as? Double { values[k] = d } }
            let perQuery = (p["query_s"] as? Double).flatMap { s in queries.map { s / $0 } }
            return Row(name: name, means: values, secondsPerQuery: perQuery)
        })
    }
}
