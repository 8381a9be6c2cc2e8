/// What one `quarry index` run did.
public struct IndexSummary: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var deleted = 0
    public var unchanged = 0
    /// Skipped files per reason ("PDF document", "empty file"…).
    public var skipped: [String: Int] = [:]
    /// Documents whose text needed mojibake repair.
    public var repaired = 0
    public var documents: UInt64 = 0
    public var seconds = 0.0
    public var rebuilt = false
    /// Why an incremental run rebuilt everything (nil when it did not, or `--rebuild` asked).
    public var rebuildReason: String?
    /// A new commit was written (false when nothing changed).
    public var committed = false

    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    /// One line, e.g. `indexed 66 documents: 66 added, 0 updated, 0 deleted, 0 unchanged, 1 skipped (PDF document: 1), 3 repaired in 0.41 s`.
    public var line: String {
        var s = "indexed \(documents) documents: \(added) added, \(updated) updated, \(deleted) deleted, \(unchanged) unchanged, \(skippedTotal) skipped"
        if !skipped.isEmpty {
            s += " (" + skipped.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
        }
        s += ", \(repaired) repaired"
        s += " in " + String(format: "%.2f", seconds) + " s"
        return s
    }
}

/// Progress of an indexing run, reported to the caller (the CLI draws it; libraries never print).
public struct IndexProgress: Sendable {
    public enum Phase: Sendable { case scanning, indexing, committing }
    public var phase: Phase
    public var done: Int
    public var total: Int
}

/// A file that was not indexed, or indexed with a caveat, and why.
public struct IndexWarning: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
