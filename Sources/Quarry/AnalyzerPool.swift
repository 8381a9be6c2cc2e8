import Dispatch
import Foundation

/// Outcome of ingesting one crawl file.
enum IngestOutcome: Sendable {
    case unchanged(CrawlManifest.Entry)
    /// `notes`: caveats for warning lines (the document was truncated…), indexed anyway.
    case document(AnalyzedDocument, CrawlManifest.Entry, repaired: Bool, notes: [String])
    /// `reason` for the warning line, `category` for the summary counts.
    case failed(reason: String, category: String)
}

/// One `DocumentAnalyzer` per worker thread, fed by `DispatchQueue.concurrentPerform`.
final class AnalyzerPool: @unchecked Sendable {
    /// Worker `w` is the only user of `analyzers[w]`, so no lock guards them.
    private let analyzers: [DocumentAnalyzer]
    private let limits: Limits

    /// How a file is read.
    struct Limits: Sendable {
        var maxDocumentBytes: Int
        var followSymlinks: Bool
        var keepBoilerplate: Bool = false
    }

    init(count: Int, configuration: AnalyzerConfiguration, limits: Limits) {
        analyzers = (0..<max(1, count)).map { _ in DocumentAnalyzer(configuration: configuration) }
        self.limits = limits
    }

    var count: Int { analyzers.count }

    /// Worker `w`'s analyzer; only worker `w` may use it.
    func analyzer(_ w: Int) -> DocumentAnalyzer { analyzers[w] }

    /// Starts processing `batch` on a background thread; `wait()` returns its outcomes. Only one
    /// batch may be in flight at a time (the workers' analyzers are not shared).
    func start(_ batch: [CrawlEntry], previous: CrawlManifest) -> PendingBatch {
        let pending = PendingBatch()
        DispatchQueue.global().async {
            pending.fulfil(self.process(batch, previous: previous))
        }
        return pending
    }

    func process(_ batch: [CrawlEntry], previous: CrawlManifest) -> [IngestOutcome] {
        let results = ResultSlots<IngestOutcome>(count: batch.count)
        let workers = analyzers.count
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < batch.count {
                results.set(i, Self.ingest(batch[i], previous: previous, analyzer: analyzers[w], limits: limits))
                i += workers
            }
        }
        return results.values.map { $0 ?? .failed(reason: "not processed", category: "internal error") }
    }

    static func ingest(_ entry: CrawlEntry, previous: CrawlManifest, analyzer: DocumentAnalyzer,
                       limits: Limits) -> IngestOutcome {
        let contents: FileReading.Contents
        do {
            contents = try FileReading.read(entry.path, limit: limits.maxDocumentBytes, followSymlinks: limits.followSymlinks)
        } catch {
            return .failed(reason: "skipped, \(error.description)", category: error.category)
        }
        let bytes = contents.bytes
        var notes: [String] = []
        if contents.truncated {
            notes.append("truncated: file is \(contents.fileSize) bytes, only the first \(limits.maxDocumentBytes) are indexed")
        }
        let hash = ContentHash.hash(bytes)
        let e = CrawlManifest.Entry(size: contents.fileSize, mtime: entry.mtimeNanos, hash: hash)
        if let old = previous.entries[entry.key], old.hash == hash, old.size == e.size { return .unchanged(e) }
        do {
            let doc = try DocumentExtractor.extract(bytes: bytes, key: entry.key, keepBoilerplate: limits.keepBoilerplate)
            let fields = DocumentFields(key: doc.key, title: doc.title, headings: doc.headings, body: doc.body,
                                        language: doc.language, metadata: doc.metadata,
                                        titleIsIndexed: !doc.titleIsDerived)
            return .document(analyzer.analyze(fields), e, repaired: doc.repaired, notes: notes)
        } catch {
            return .failed(reason: Self.reason(error), category: Self.category(error))
        }
    }

    static func reason(_ e: IngestError) -> String {
        switch e {
        case .notText(_, let r): return "skipped, not HTML or text (\(r))"
        case .unreadable(_, let r): return "skipped, cannot be read (\(r))"
        }
    }

    static func category(_ e: IngestError) -> String {
        switch e {
        case .notText(_, let r): return r
        case .unreadable: return "unreadable"
        }
    }
}

/// The outcomes of a batch being processed in the background.
final class PendingBatch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var outcomes: [IngestOutcome] = []

    func fulfil(_ o: [IngestOutcome]) {
        outcomes = o
        done.signal()
    }

    func wait() -> [IngestOutcome] {
        done.wait()
        return outcomes
    }
}

/// Per-batch result slots filled by the workers (crawl files or JSON lines).
final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Value?]

    init(count: Int) { values = [Value?](repeating: nil, count: count) }

    func set(_ i: Int, _ v: Value) {
        lock.lock()
        values[i] = v
        lock.unlock()
    }
}
