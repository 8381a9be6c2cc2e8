/// One candidate file found under a crawl root.
public struct CrawlEntry: Sendable, Equatable {
    /// Path relative to the crawl root, `/`-separated: the document key.
    public var key: String
    /// Path on disk (the root as given, joined with the key).
    public var path: String
    public var size: Int64
    /// Modification time, nanoseconds since the epoch.
    public var mtimeNanos: Int64

    public init(key: String, path: String, size: Int64, mtimeNanos: Int64) {
        self.key = key
        self.path = path
        self.size = size
        self.mtimeNanos = mtimeNanos
    }
}

/// A file that was seen but not offered for ingest, and why.
public struct SkippedEntry: Sendable, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Walks a crawl directory and lists the files to ingest, in a deterministic order.
///
/// Rules: candidate files end in `.html .htm .xhtml .shtml .txt .text` (any case); hidden files
/// and directories (`.git`, `.DS_Store`…) are skipped silently, as are files with other extensions;
/// FIFOs, sockets and devices are never opened and are reported as skipped; symbolic links are
/// reported and not followed unless `followSymlinks`, in which case directory loops are detected by
/// (device, inode). An unreadable subdirectory or a non-UTF-8 name is reported as skipped and the
/// walk goes on; only an unusable root throws.
///
/// Order: files and skipped entries are sorted by their UTF-8 bytes (key / path), so two walks of
/// the same tree agree whatever the file system's directory order or the locale.
///
/// Cost: one `readdir` per directory and one `lstat` per entry (plus one `stat` per symlink).
public struct CrawlWalker: Sendable {
    public var root: String
    public var followSymlinks: Bool

    /// Lowercased extensions of the files offered for ingest.
    public static let candidateExtensions: Set<String> = ["html", "htm", "xhtml", "shtml", "txt", "text"]

    public init(root: String, followSymlinks: Bool = false) {
        self.root = root
        self.followSymlinks = followSymlinks
    }

    public func walk() throws(IngestError) -> (files: [CrawlEntry], skipped: [SkippedEntry]) {
        var rootPath = root
        while rootPath.count > 1, rootPath.hasSuffix("/") { rootPath.removeLast() }
        let rootStatus: FileStatus
        switch FileSystemCalls.status(rootPath, followSymlinks: true) {
        case .success(let status): rootStatus = status
        case .failure(let failure): throw .unreadable(path: root, reason: failure.reason)
        }
        guard rootStatus.kind == .directory else { throw .unreadable(path: root, reason: "not a directory") }
        if case .failure(let failure) = FileSystemCalls.directoryEntries(rootPath) {
            throw .unreadable(path: root, reason: failure.reason)
        }

        var state = WalkState(visited: [rootStatus.identity])
        visit(directory: rootPath == "/" ? "" : rootPath, keyPrefix: "", state: &state)
        let files = state.files.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let skipped = state.skipped.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return (files, skipped)
    }

    private struct WalkState {
        var visited: Set<FileIdentity>
        var files: [CrawlEntry] = []
        var skipped: [SkippedEntry] = []
    }

    private func visit(directory: String, keyPrefix: String, state: inout WalkState) {
        let displayPath = directory.isEmpty ? "/" : directory
        let names: [[UInt8]]
        switch FileSystemCalls.directoryEntries(displayPath) {
        case .success(let list): names = list
        case .failure(let failure):
            state.skipped.append(SkippedEntry(path: displayPath, reason: "cannot read directory: \(failure.reason)"))
            return
        }
        for rawName in names {
            if rawName.first == UInt8(ascii: ".") { continue }
            guard let name = String(validating: rawName, as: UTF8.self) else {
                let shown = String(decoding: rawName, as: UTF8.self)
                state.skipped.append(SkippedEntry(path: directory + "/" + shown, reason: "file name is not valid UTF-8"))
                continue
            }
            let path = directory + "/" + name
            let key = keyPrefix.isEmpty ? name : keyPrefix + "/" + name
            switch FileSystemCalls.status(path, followSymlinks: false) {
            case .failure(let failure):
                state.skipped.append(SkippedEntry(path: path, reason: failure.reason))
            case .success(let status):
                handle(status: status, path: path, key: key, state: &state)
            }
        }
    }

    private func handle(status: FileStatus, path: String, key: String, state: inout WalkState) {
        switch status.kind {
        case .regular:
            if Self.isCandidate(key) {
                state.files.append(CrawlEntry(key: key, path: path, size: status.size, mtimeNanos: status.mtimeNanos))
            }
        case .directory:
            // Without symlinks a directory is reached once; with them, its identity guards loops.
            if followSymlinks {
                guard state.visited.insert(status.identity).inserted else {
                    state.skipped.append(SkippedEntry(path: path, reason: "directory already visited (symbolic link loop)"))
                    return
                }
            }
            visit(directory: path, keyPrefix: key, state: &state)
        case .symbolicLink:
            let target = FileSystemCalls.status(path, followSymlinks: true)
            guard case .success(let targetStatus) = target else {
                if followSymlinks || Self.isCandidate(key) {
                    state.skipped.append(SkippedEntry(path: path, reason: "broken symbolic link"))
                }
                return
            }
            if followSymlinks {
                if targetStatus.kind == .symbolicLink { return }  // cannot happen after stat; never recurse on it
                handle(status: targetStatus, path: path, key: key, state: &state)
            } else if targetStatus.kind == .directory || Self.isCandidate(key) {
                state.skipped.append(SkippedEntry(path: path, reason: "symbolic link (not followed)"))
            }
        case .fifo:
            state.skipped.append(SkippedEntry(path: path, reason: "named pipe (FIFO), not read"))
        case .socket:
            state.skipped.append(SkippedEntry(path: path, reason: "socket, not read"))
        case .characterDevice, .blockDevice:
            state.skipped.append(SkippedEntry(path: path, reason: "device file, not read"))
        case .other:
            state.skipped.append(SkippedEntry(path: path, reason: "not a regular file"))
        }
    }

    /// Whether the file name ends in a candidate extension (case-insensitive).
    static func isCandidate(_ key: String) -> Bool {
        let name = key.split(separator: "/").last ?? Substring(key)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return candidateExtensions.contains(name[name.index(after: dot)...].lowercased())
    }
}
