/// Why a crawl file was not turned into a document. Each case names the file.
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Content is not HTML or text (binary signature, NUL bytes…).
    case notText(path: String, reason: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notText(let path, let reason): return "\(path): skipped, not HTML or text (\(reason))"
        case .unreadable(let path, let reason): return "\(path): skipped, cannot be read (\(reason))"
        }
    }
}
