/// What identifies a file's content without reading it: device, inode, size and status-change
/// time. Any write to the file changes its ctime (which no user call can set back), and a file
/// replaced under the same name has another inode.
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var changeTime: Int64
}

/// The index files whose checksums an earlier open verified, by identity
/// (`verified-checksums` in the index directory).
///
/// Why: verifying every checksum at open reads every byte of the index — about 100 ms and the
/// whole index in RSS for one `quarry search` on a 372 MB index, where the search itself takes
/// a few milliseconds. Segment files are immutable, so a file verified once and unchanged
/// since (same identity) need not be read again; a file that was written to, replaced or copied
/// has another identity and is verified on its next open. `quarry check` ignores the ledger and
/// verifies everything, which is what catches damage the file system does not report (a bit
/// flipped on disk leaves the identity as it was).
///
/// The ledger is a hint, never a source of truth: a missing, unreadable or malformed ledger
/// means "verify", and failing to write it (a read-only index) costs only the next open's time.
/// On a file system with coarse timestamps, a rewrite in place to the same size within the same
/// tick as the verification would go unseen until `quarry check`; index files are never
/// rewritten in place by Quarry.
struct ChecksumLedger {
    static let fileName = "verified-checksums"
    private(set) var entries: [String: FileIdentity] = [:]
    private var changed = false

    /// The ledger in `directory`, or an empty one.
    static func load(from directory: any IndexDirectory) -> ChecksumLedger {
        var ledger = ChecksumLedger()
        guard let bytes = try? directory.read(fileName) else { return ledger }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count == 5, let dev = UInt64(f[1]), let ino = UInt64(f[2]), let size = Int64(f[3]), let ctime = Int64(f[4]) else { continue }
            ledger.entries[String(f[0])] = FileIdentity(device: dev, inode: ino, size: size, changeTime: ctime)
        }
        return ledger
    }

    /// Whether `name`, now of identity `identity`, was verified as it is.
    func isVerified(_ name: String, as identity: FileIdentity) -> Bool { entries[name] == identity }

    mutating func recordVerified(_ name: String, as identity: FileIdentity) {
        if entries[name] != identity { entries[name] = identity; changed = true }
    }

    /// Keeps only `names` (the files of the commit just opened), so the ledger does not grow with
    /// every segment that ever existed.
    mutating func keep(only names: Set<String>) {
        let before = entries.count
        entries = entries.filter { names.contains($0.key) }
        if entries.count != before { changed = true }
    }

    /// Writes the ledger if it changed: to a temporary name, then renamed over the old one, so a
    /// reader never sees half a ledger. Errors are ignored (see the type's comment).
    func saveIfChanged(to directory: any IndexDirectory) {
        guard changed else { return }
        var text = ""
        for (name, id) in entries.sorted(by: { $0.key < $1.key }) {
            text += "\(name) \(id.device) \(id.inode) \(id.size) \(id.changeTime)\n"
        }
        let tmp = "\(Self.fileName).tmp-\(UInt64.random(in: 0...UInt64.max))"
        do {
            try directory.write(tmp, Array(text.utf8))
            try directory.rename(tmp, Self.fileName)
        } catch {
            directory.delete(tmp)
        }
    }
}
