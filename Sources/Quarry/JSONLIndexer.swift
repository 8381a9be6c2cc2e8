import Dispatch
import Foundation

/// Builds an index from a JSON-lines file of already extracted documents — one object per
/// line with `id` (the key), `title` and `body` (or `text`), optionally `lang` — for text that
/// does not live in a crawl directory (exports, test collections, the 1M-document scale corpus).
/// Always a full rebuild; lines are decoded and analyzed in parallel, inverted in file order.
public struct JSONLIndexer {
    public let indexPath: String
    public let options: CrawlIndexOptions

    public init(indexPath: String, options: CrawlIndexOptions = CrawlIndexOptions()) {
        self.indexPath = indexPath
        self.options = options
    }

    private struct Line: Decodable {
        var id: String
        var title: String?
        var body: String?
        var text: String?
        var lang: String?
    }

    public func run(file: String, progress: (IndexProgress) -> Void = { _ in },
                    warning: (IndexWarning) -> Void = { _ in }) throws(IndexError) -> IndexSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        var summary = IndexSummary()
        summary.rebuilt = true
        // Streamed, not read whole: the file can be larger than the memory budget.
        let reader = try LineBatchReader(path: file)
        let totalLines = try LineBatchReader.countLines(path: file)
        let directory = try FSDirectory(path: indexPath, create: true)
        let analyzer = options.analyzer(keeping: nil)  // always a rebuild
        var config = IndexWriterConfiguration(analyzer: analyzer, memoryBudgetBytes: options.memoryBudgetBytes)
        config.rebuild = true
        config.mergePolicy = options.mergePolicy
        let writer = try IndexWriter(directory: directory, configuration: config)
        defer { writer.close() }

        let threads = max(1, options.threads)
        let pool = AnalyzerPool(count: threads, configuration: analyzer,
                                limits: .init(maxDocumentBytes: options.maxDocumentBytes, followSymlinks: false))
        let batchSize = 256 * threads
        var lineNumber = 0
        var start = 0
        while true {
            let batch = try reader.next(batchSize)
            if batch.isEmpty { break }
            let first = start
            start += batch.count
            let slots = ResultSlots<Result<AnalyzedDocument, JSONLLineError>>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: threads) { w in
                let decoder = JSONDecoder()
                var i = w
                while i < batch.count {
                    let raw = batch[i]
                    if raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { i += threads; continue }
                    do {
                        let line = try decoder.decode(Line.self, from: raw)
                        let fields = DocumentFields(key: line.id, title: line.title ?? "", body: line.body ?? line.text ?? "",
                                                    language: line.lang)
                        slots.set(i, .success(pool.analyzer(w).analyze(fields)))
                    } catch {
                        slots.set(i, .failure(JSONLLineError(line: first + i + 1, message: "\(error)")))
                    }
                    i += threads
                }
            }
            for result in slots.values {
                lineNumber += 1
                switch result {
                case .none: continue
                case .success(let doc)?:
                    try writer.add(doc)
                    summary.added += 1
                case .failure(let e)?:
                    warning(IndexWarning(path: "\(file):\(e.line)", reason: "skipped, not a JSON document line (\(e.message))"))
                    summary.skipped["bad JSON line", default: 0] += 1
                }
            }
            progress(IndexProgress(phase: .indexing, done: start, total: max(totalLines, start)))
        }
        progress(IndexProgress(phase: .committing, done: start, total: start))
        try writer.commit()
        summary.committed = true
        summary.documents = writer.pendingDocCount
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }
}

struct JSONLLineError: Error, Sendable {
    var line: Int
    var message: String
}
