/// The indexed text fields of a document. BM25F weights them separately; their positions share
/// one space (title first, then headings, then body, separated by gaps) so one postings list
/// per term serves all fields and phrases never cross a field boundary.
public enum Field: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case title = 0
    case headings = 1
    case body = 2

    public var description: String {
        switch self {
        case .title: return "title"
        case .headings: return "headings"
        case .body: return "body"
        }
    }

    public init?(name: String) {
        switch name.lowercased() {
        case "title": self = .title
        case "headings", "heading", "h": self = .headings
        case "body", "text": self = .body
        default: return nil
        }
    }
}
