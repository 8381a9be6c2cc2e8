/// Errors from opening, reading or writing an index. Every case names the file involved, so a
/// user knows what is damaged or locked and what to do about it.
public enum IndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file's bytes fail a checksum or structural check.
    case corrupt(file: String, reason: String)
    /// A file was written by a different format version.
    case unsupportedVersion(file: String, found: UInt32, supported: UInt32)
    /// No commit exists in the directory.
    case noIndex(path: String)
    /// Another writer holds the lock.
    case locked(path: String, pid: Int32?)
    /// An operating-system call failed.
    case io(path: String, operation: String, errno: Int32, message: String)
    /// The index was built with a different analysis chain than the one requested.
    case analyzerMismatch(path: String)
    /// A caller-side mistake (bad argument).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .corrupt(let file, let reason):
            return "index file \(file) is damaged (\(reason)); run `quarry check` and rebuild with `quarry index --rebuild`"
        case .unsupportedVersion(let file, let found, let supported):
            return "index file \(file) has format version \(found), this quarry reads version \(supported); rebuild with `quarry index --rebuild`"
        case .noIndex(let path):
            return "no index at \(path); build one with `quarry index <crawl-dir> --index \(path)`"
        case .locked(let path, let pid):
            return "index \(path) is locked by " + (pid.map { "pid \($0)" } ?? "another process") + "; wait for it to finish"
        case .io(let path, let operation, _, let message):
            return "\(operation) \(path) failed: \(message)"
        case .analyzerMismatch(let path):
            return "index \(path) was built with a different analyzer; rebuild it with `quarry index --rebuild`"
        case .invalidArgument(let message):
            return message
        }
    }
}
