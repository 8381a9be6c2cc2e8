import Foundation

/// One candidate file found under a crawl root.
public struct CrawlEntry: Sendable, Equatable {
    /// Path relative to the crawl root, `/`-separated: the document key.
    public var key: String
    /// Absolute path on disk.
    public var path: String
    public var size: Int64
    /// Modification time, nanoseconds since the epoch.
    public var mtimeNanos: Int64
}

/// A file that was seen but not offered for ingest, and why.
public struct SkippedEntry: Sendable, Equatable {
    public var path: String
    public var reason: String
}

/// Walks a crawl directory in a deterministic (sorted) order.
public struct CrawlWalker: Sendable {
    public var root: String
    public var followSymlinks: Bool

    public init(root: String, followSymlinks: Bool = false) {
        self.root = root
        self.followSymlinks = followSymlinks
    }

    /// All candidate files (`.html`, `.htm`, `.xhtml`, `.txt`, and extension-less files), sorted by key.
    public func walk() throws(IngestError) -> (files: [CrawlEntry], skipped: [SkippedEntry]) {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: root) else { throw .unreadable(path: root, reason: "not a directory") }
        var files: [CrawlEntry] = []
        while let rel = e.nextObject() as? String {
            let full = root + "/" + rel
            guard let attrs = try? fm.attributesOfItem(atPath: full),
                  (attrs[.type] as? FileAttributeType) == .typeRegular else { continue }
            let size = (attrs[.size] as? NSNumber)?.int64Value ?? 0
            let mtime = Int64(((attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0) * 1e9)
            files.append(CrawlEntry(key: rel, path: full, size: size, mtimeNanos: mtime))
        }
        files.sort { $0.key < $1.key }
        return (files, [])
    }
}
