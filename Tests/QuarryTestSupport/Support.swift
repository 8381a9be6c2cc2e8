import Foundation
import Quarry

/// A fresh temporary directory, removed by `cleanup()`.
public struct TemporaryDirectory {
    public let path: String

    /// With `inMemory`, under /dev/shm when it exists: fsync is free there, which keeps tests
    /// that commit hundreds of times fast (durability itself is not what they test).
    public init(_ label: String = "quarry-test", inMemory: Bool = false) {
        let shm = "/dev/shm"
        let base = inMemory && FileManager.default.isWritableFile(atPath: shm) ? shm : FileManager.default.temporaryDirectory.path
        path = base + "/\(label)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `bytes` at `relative` (creating folders) and returns the full path.
    @discardableResult
    public func write(_ relative: String, _ bytes: [UInt8]) -> String {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        precondition(FileManager.default.createFile(atPath: full, contents: Data(bytes)), "cannot write \(full)")
        return full
    }

    @discardableResult
    public func write(_ relative: String, _ text: String) -> String { write(relative, Array(text.utf8)) }

    public func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Builds an index from in-memory documents (one segment per `flushEvery` documents).
public func buildIndex(_ docs: [DocumentFields], at path: String, flushEvery: Int? = nil,
                       analyzer: AnalyzerConfiguration = .default) throws -> IndexReader {
    let dir = try FSDirectory(path: path, create: true)
    let writer = try IndexWriter(directory: dir, configuration: IndexWriterConfiguration(analyzer: analyzer))
    let docAnalyzer = DocumentAnalyzer(configuration: analyzer)
    for (i, d) in docs.enumerated() {
        try writer.add(docAnalyzer.analyze(d))
        if let flushEvery, (i + 1) % flushEvery == 0 { try writer.flush() }
    }
    try writer.commit()
    writer.close()
    return try IndexReader.open(dir)
}

/// Builds a multi-segment index like `buildIndex`, then deletes every `deleteEvery`-th document
/// from `deleteFrom` on in a second commit, so postings of deleted documents must be skipped.
public func buildIndexWithDeletions(_ docs: [DocumentFields], at path: String, flushEvery: Int,
                                    deleteFrom: Int, deleteEvery: Int) throws -> IndexReader {
    _ = try buildIndex(docs, at: path, flushEvery: flushEvery)
    let dir = try FSDirectory(path: path)
    let writer = try IndexWriter(directory: dir)
    for i in stride(from: deleteFrom, to: docs.count, by: deleteEvery) { try writer.delete(key: docs[i].key) }
    try writer.commit()
    writer.close()
    return try IndexReader.open(dir)
}

/// Path of the root of this checkout (for Corpus/ and seeds/).
public func repositoryRoot(file: String = #filePath) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}

/// Keys of the hits, best first.
public func keys(_ r: SearchResults) -> [String] { r.hits.map(\.key) }
