import Foundation
import QuarryText

/// Settings of an `IndexWriter`.
public struct IndexWriterConfiguration: Sendable {
    public var analyzer: AnalyzerConfiguration
    /// RAM for buffered documents before a segment is flushed.
    public var memoryBudgetBytes: Int
    /// Start from an empty index even if one exists (the old commit stays until the new one lands).
    public var rebuild: Bool
    /// Which segments `commit` merges first; nil never merges (only `forceMerge` does).
    public var mergePolicy: TieredMergePolicy?
    /// Start the policy's merges in the background as soon as a flush fills a tier (one at a
    /// time), instead of only at commit.
    public var backgroundMerges: Bool

    public init(analyzer: AnalyzerConfiguration = .default, memoryBudgetBytes: Int = 256 << 20, rebuild: Bool = false,
                mergePolicy: TieredMergePolicy? = TieredMergePolicy(), backgroundMerges: Bool = true) {
        self.analyzer = analyzer
        self.memoryBudgetBytes = memoryBudgetBytes
        self.rebuild = rebuild
        self.mergePolicy = mergePolicy
        self.backgroundMerges = backgroundMerges
    }
}

/// The single writer of an index directory: buffers documents, flushes segments, records
/// deletions, and publishes commits atomically.
///
/// Nothing it does is visible to readers until `commit` renames the new commit file into place;
/// if the process dies before that, the previous commit is untouched and the next writer deletes
/// the orphaned files. Holds the directory's lock for its lifetime.
public final class IndexWriter {
    static let userDataKind = "USER"
    static let userDataVersion: UInt32 = 2

    public let directory: any IndexDirectory
    public let configuration: IndexWriterConfiguration
    private let lock: WriterLock
    // Internal (not private) for the merge code in Merge/IndexWriter+Merge.swift.
    var base: Commit
    /// Segments of the base commit plus those flushed since, with their (possibly new) deletions.
    var segments: [SegmentInfo]
    var readers: [String: SegmentReader] = [:]
    var pendingDeletions: [String: DeletionBitmap] = [:]
    /// The merge running in the background, if any (see `BackgroundMerge`).
    var running: BackgroundMerge?
    /// Background merges whose output replaced their sources (for tests and stats).
    public internal(set) var backgroundMergesIntegrated = 0
    private var builder = SegmentBuilder()
    private var bufferedKeys: [String: UInt32] = [:]
    private var bufferedDeletes: Set<UInt32> = []

    /// Opens (or creates) the index in `directory` for writing.
    public init(directory: any IndexDirectory, configuration: IndexWriterConfiguration = IndexWriterConfiguration()) throws(IndexError) {
        self.directory = directory
        self.configuration = configuration
        lock = try directory.lock()
        let names = try directory.list()
        var existing: Commit? = nil
        for generation in Commit.generations(in: names) {
            if let c = try? Commit.read(try directory.map(Commit.fileName(generation))) { existing = c; break }
        }
        if let existing, !configuration.rebuild {
            guard existing.analyzer == configuration.analyzer else { throw .analyzerMismatch(path: directory.path) }
            base = existing
            segments = existing.segments
        } else {
            base = Commit(generation: existing?.generation ?? 0, analyzer: configuration.analyzer, segments: [],
                          nextSegment: existing?.nextSegment ?? 1, userDataFile: nil, createdAt: 0)
            segments = []
        }
        removeUnreferencedFiles(keeping: existing?.referencedFiles ?? [])
    }

    /// Documents in the committed base plus buffered ones (live only).
    public var pendingDocCount: UInt64 {
        segments.reduce(0) { $0 + UInt64($1.docCount - (pendingDeletions[$1.id]?.count ?? $1.deletedCount)) }
            + UInt64(builder.docCount) - UInt64(bufferedDeletes.count)
    }

    func reader(_ info: SegmentInfo) throws(IndexError) -> SegmentReader {
        if let r = readers[info.id] { return r }
        let r = try SegmentReader(info: info, directory: directory)
        readers[info.id] = r
        return r
    }

    /// Adds an analyzed document; flushes a segment when the RAM budget is reached.
    public func add(_ doc: AnalyzedDocument) throws(IndexError) {
        if let previous = bufferedKeys[doc.fields.key] { bufferedDeletes.insert(previous) }
        bufferedKeys[doc.fields.key] = builder.docCount
        builder.add(doc)
        if bufferedBytes >= configuration.memoryBudgetBytes { try flush() }
        if let merge = running, merge.isFinished { try integrateBackgroundMerge() }
    }

    /// RAM held for buffered documents: the builder's estimate and the key → doc table.
    var bufferedBytes: Int {
        builder.estimatedBytes + SegmentBuilder.tableBytes(capacity: bufferedKeys.capacity, stride: 20)
    }

    /// Deletes every document with `key` (committed, flushed or buffered). Returns how many.
    @discardableResult
    public func delete(key: String) throws(IndexError) -> Int {
        var n = 0
        for info in segments {
            let r = try reader(info)
            guard let d = try r.doc(forKey: key) else { continue }
            var bitmap = pendingDeletions[info.id] ?? r.deletions ?? DeletionBitmap(maxDoc: info.docCount)
            if !bitmap.isDeleted(d) {
                bitmap.delete(d)
                pendingDeletions[info.id] = bitmap
                n += 1
            }
        }
        if let d = bufferedKeys.removeValue(forKey: key) {
            bufferedDeletes.insert(d)
            n += 1
        }
        return n
    }

    /// Writes the buffered documents as a new segment (not yet visible: see `commit`).
    public func flush() throws(IndexError) {
        guard builder.docCount > 0 else { return }
        let id = String(format: "%06d", base.nextSegment)
        base.nextSegment += 1
        let info = try builder.flush(id: id, to: directory)
        segments.append(info)
        if !bufferedDeletes.isEmpty {
            var bitmap = DeletionBitmap(maxDoc: info.docCount)
            for d in bufferedDeletes { bitmap.delete(d) }
            pendingDeletions[id] = bitmap
        }
        builder = SegmentBuilder()
        bufferedKeys = [:]
        bufferedDeletes = []
        Syscalls.returnFreedMemory()
        try startBackgroundMerge()
    }

    /// Flushes, writes new deletion generations, and atomically publishes a new commit.
    /// `userData` (the crawl manifest) is committed with it. Returns the new commit.
    @discardableResult
    public func commit(userData: [UInt8]? = nil) throws(IndexError) -> Commit {
        try flush()
        try integrateBackgroundMerge()
        try applyMergePolicy()
        let generation = base.generation + 1
        var infos: [SegmentInfo] = []
        for var info in segments {
            if let bitmap = pendingDeletions[info.id] {
                if bitmap.count == info.docCount { continue }  // fully deleted: drop the segment
                info.delGen = generation
                info.deletedCount = bitmap.count
                try directory.write(info.deletionFileName, bitmap.serialize())
            }
            infos.append(info)
        }
        var userDataFile = base.userDataFile
        if let userData {
            userDataFile = "userdata-\(generation)"
            var w = FileEnvelope.begin(kind: Self.userDataKind, version: Self.userDataVersion)
            // body := rawLength:vint zstd(userData) — the crawl manifest compresses about 5×.
            w.vint(userData.count)
            w.append(Zstd.compress(userData))
            try directory.write(userDataFile!, FileEnvelope.finish(w))
        }
        let commit = Commit(generation: generation, analyzer: configuration.analyzer, segments: infos,
                            nextSegment: base.nextSegment, userDataFile: userDataFile,
                            createdAt: Date().timeIntervalSince1970)
        let tmp = commit.fileName + ".tmp"
        try directory.write(tmp, try commit.serialize())
        // The new files' directory entries must be durable before the commit that names them:
        // otherwise a power loss could keep the renamed commit but lose a segment file's entry.
        try directory.sync()
        try directory.rename(tmp, commit.fileName)
        try directory.sync()
        base = commit
        segments = infos
        pendingDeletions = [:]
        readers = readers.filter { id, _ in infos.contains { $0.id == id } }
        for (id, r) in readers where r.info != infos.first(where: { $0.id == id }) { readers[id] = nil }
        removeUnreferencedFiles(keeping: commit.referencedFiles)
        return commit
    }

    /// Deletes files no commit needs: leftovers of a crashed writer, superseded files, and
    /// checksum-ledger drafts a reader died before renaming.
    /// Only the newest commit is kept; open readers keep their mappings valid after unlink.
    private func removeUnreferencedFiles(keeping keep: Set<String>) {
        guard let names = try? directory.list() else { return }
        for name in names where name != "write.lock" && !keep.contains(name) {
            if name.hasPrefix("seg-") || name.hasPrefix("commit-") || name.hasPrefix("userdata-")
                || name.hasPrefix(ChecksumLedger.fileName + ".tmp-") {
                directory.delete(name)
            }
        }
    }

    /// Releases the lock without committing buffered work (after any background merge has
    /// stopped writing: its output, named by no commit, is deleted by the next writer).
    public func close() {
        _ = running?.wait()
        running = nil
        lock.release()
    }
}
