import Dispatch
import Foundation

/// A directory whose files become documents; keys are `keyPrefix` + the path below `path`.
public struct CrawlRoot: Sendable, Equatable {
    public var path: String
    public var keyPrefix: String

    public init(path: String, keyPrefix: String = "") {
        self.path = path
        self.keyPrefix = keyPrefix
    }
}

/// Settings of a crawl → index run.
public struct CrawlIndexOptions: Sendable {
    /// Start from scratch instead of updating incrementally.
    public var rebuild = false
    /// Parse and analyze on this many threads (results do not depend on it).
    public var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    public var memoryBudgetBytes = 256 << 20
    public var followSymlinks = false
    /// Bytes of a file that are indexed; the rest is dropped with a warning ("truncated"). Bounds
    /// the memory and time one hostile file can take (default 16 MiB; real pages are far smaller).
    public var maxDocumentBytes = 16 << 20
    /// Index navigation, footers and sidebars too (see `DocumentExtractor.extract`). Recorded in
    /// the crawl manifest: changing it rebuilds the index.
    public var keepBoilerplate = false
    public var analyzer = AnalyzerConfiguration.default
    /// Merges run at commit; nil keeps every flushed segment.
    public var mergePolicy: TieredMergePolicy? = TieredMergePolicy()

    public init() {}
}

/// Builds or incrementally updates an index from crawl directories: walks them, skips files
/// whose size, mtime (then content hash) are unchanged since the last commit, parses and
/// analyzes the rest in parallel, replaces changed documents by key, deletes vanished ones,
/// and commits everything — index and crawl manifest — in one atomic step.
public final class CrawlIndexer {
    public let indexPath: String
    public let options: CrawlIndexOptions

    public init(indexPath: String, options: CrawlIndexOptions = CrawlIndexOptions()) {
        self.indexPath = indexPath
        self.options = options
    }

    /// Runs the build. `progress` and `warning` are called on the calling thread.
    public func run(roots: [CrawlRoot], progress: (IndexProgress) -> Void = { _ in },
                    warning: (IndexWarning) -> Void = { _ in }) throws(IndexError) -> IndexSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        var summary = IndexSummary()
        let directory = try FSDirectory(path: indexPath, create: true)

        // The previous manifest, unless rebuilding or the analysis chain changed.
        var rebuild = options.rebuild
        var previous = CrawlManifest()
        if !rebuild {
            do {
                let reader = try IndexReader.open(directory)
                if reader.analyzerConfiguration != options.analyzer {
                    rebuild = true
                } else if let m = CrawlManifest.decode(try? reader.userData()),
                          (m.keepBoilerplate ?? false) == options.keepBoilerplate {
                    previous = m
                } else {
                    rebuild = true
                }
            } catch .noIndex {
                // A new index.
            } catch {
                // Unreadable (older format, damage): rebuild; the old commit stays until the new one lands.
                rebuild = true
            }
        }
        summary.rebuilt = rebuild
        var config = IndexWriterConfiguration(analyzer: options.analyzer, memoryBudgetBytes: options.memoryBudgetBytes)
        config.rebuild = rebuild
        config.mergePolicy = options.mergePolicy
        let writer = try IndexWriter(directory: directory, configuration: config)
        defer { writer.close() }

        progress(IndexProgress(phase: .scanning, done: 0, total: 0))
        var files: [CrawlEntry] = []
        for root in roots {
            do {
                let walked = try CrawlWalker(root: root.path, followSymlinks: options.followSymlinks).walk()
                for var f in walked.files {
                    f.key = root.keyPrefix + f.key
                    files.append(f)
                }
                for s in walked.skipped {
                    warning(IndexWarning(path: s.path, reason: s.reason))
                    summary.skipped[s.reason, default: 0] += 1
                }
            } catch {
                throw .invalidArgument("cannot read crawl directory: \(error)")
            }
        }

        var manifest = CrawlManifest()
        manifest.keepBoilerplate = options.keepBoilerplate ? true : nil
        var work: [CrawlEntry] = []
        for f in files {
            if let old = previous.entries[f.key], old.size == f.size, old.mtime == f.mtimeNanos {
                manifest.entries[f.key] = old
                summary.unchanged += 1
            } else {
                work.append(f)
            }
        }
        let present = Set(files.map(\.key))
        for key in previous.entries.keys.sorted() where !present.contains(key) {
            if try writer.delete(key: key) > 0 { summary.deleted += 1 }
        }

        // Parse + analyze in parallel batches; invert in crawl order (deterministic doc ids).
        // While the calling thread inverts batch i, the pool already parses batch i + 1.
        let batchSize = 32 * max(1, options.threads)
        var done = 0
        let pool = AnalyzerPool(count: options.threads, configuration: options.analyzer,
                                limits: .init(maxDocumentBytes: options.maxDocumentBytes, followSymlinks: options.followSymlinks,
                                              keepBoilerplate: options.keepBoilerplate))
        let batches = stride(from: 0, to: work.count, by: batchSize).map { Array(work[$0..<min($0 + batchSize, work.count)]) }
        var pending = batches.isEmpty ? nil : pool.start(batches[0], previous: previous)
        for (b, batch) in batches.enumerated() {
            guard let current = pending else { break }
            let results = current.wait()
            pending = b + 1 < batches.count ? pool.start(batches[b + 1], previous: previous) : nil
            for (entry, outcome) in zip(batch, results) {
                switch outcome {
                case .unchanged(let e):
                    manifest.entries[entry.key] = e
                    summary.unchanged += 1
                case .document(let doc, let e, let repaired, let notes):
                    for note in notes { warning(IndexWarning(path: entry.path, reason: note)) }
                    let existed = previous.entries[entry.key] != nil
                    if existed { try writer.delete(key: entry.key) }
                    try writer.add(doc)
                    manifest.entries[entry.key] = e
                    if existed { summary.updated += 1 } else { summary.added += 1 }
                    if repaired { summary.repaired += 1 }
                case .failed(let reason, let category):
                    warning(IndexWarning(path: entry.path, reason: reason))
                    summary.skipped[category, default: 0] += 1
                    if previous.entries[entry.key] != nil, try writer.delete(key: entry.key) > 0 { summary.deleted += 1 }
                }
                done += 1
            }
            progress(IndexProgress(phase: .indexing, done: done, total: work.count))
        }

        let changed = rebuild || summary.added + summary.updated + summary.deleted > 0 || manifest != previous
        if changed {
            progress(IndexProgress(phase: .committing, done: done, total: work.count))
            try writer.commit(userData: manifest.encoded())
            summary.committed = true
        }
        summary.documents = writer.pendingDocCount
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }
}

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
        let results = ResultSlots(count: batch.count)
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

/// Per-batch result slots filled by the workers.
final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [IngestOutcome?]

    init(count: Int) { values = [IngestOutcome?](repeating: nil, count: count) }

    func set(_ i: Int, _ v: IngestOutcome) {
        lock.lock()
        values[i] = v
        lock.unlock()
    }
}

/// Bounded, non-blocking whole-file reads for ingest.
///
/// Why not `FileHandle`: a crawl file may have become a FIFO, a device or a symbolic link since
/// the walk listed it, and may be any size. Here the file is opened with `O_NONBLOCK` (opening a
/// FIFO never waits for a writer) and `O_NOFOLLOW` unless links are followed, then `fstat` must
/// say "regular file" before a single byte is read; at most `limit` bytes are read, so a huge
/// file costs bounded memory and time. Cost: one `open`, one `fstat`, ⌈size/1 MiB⌉ `read`s.
enum FileReading {
    struct ReadError: Error, CustomStringConvertible {
        var description: String
        /// Summary category ("vanished", "unreadable", "not a regular file").
        var category: String
    }

    struct Contents {
        var bytes: [UInt8]
        /// Size of the file when it was opened (may exceed `bytes.count` when truncated).
        var fileSize: Int64
        var truncated: Bool
    }

    static func read(_ path: String, limit: Int, followSymlinks: Bool) throws(ReadError) -> Contents {
        var flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC
        if !followSymlinks { flags |= O_NOFOLLOW }
        let fd = open(path, flags)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ENOENT: throw ReadError(description: "vanished during the crawl", category: "vanished")
            case ELOOP: throw ReadError(description: "became a symbolic link during the crawl, not followed",
                                        category: "symbolic link")
            default: throw ReadError(description: String(cString: strerror(code)), category: "unreadable")
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ReadError(description: String(cString: strerror(errno)), category: "unreadable")
        }
        guard UInt32(info.st_mode) & 0o170000 == 0o100000 else {
            throw ReadError(description: "no longer a regular file, not read", category: "not a regular file")
        }
        let size = Int64(info.st_size)
        let capacity = Int(min(Int64(max(limit, 0)), max(size, 0)))
        var out = [UInt8]()
        out.reserveCapacity(capacity)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        // Read one byte past the limit, so a file that grew since fstat is still seen as too long.
        while out.count <= limit {
            let want = min(chunk.count, limit + 1 - out.count)
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(description: String(cString: strerror(errno)), category: "unreadable")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        let truncated = out.count > limit
        if truncated { out.removeSubrange(limit...) }
        return Contents(bytes: out, fileSize: max(size, Int64(out.count)), truncated: truncated)
    }
}

/// `read(2)`, named apart from `FileReading.read`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}
