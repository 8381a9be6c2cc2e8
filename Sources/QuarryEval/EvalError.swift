/// An input problem found while reading topics, judgments or runs.
///
/// Errors carry the file name (as the user gave it) and the 1-based line, so the CLI can print
/// one actionable line such as `qrels.txt line 12: expected 4 fields (qid iter docno rel), found 3`.
/// Callers that want to react programmatically switch on ``kind``.
public struct EvalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, independent of where.
    public enum Kind: Equatable, Sendable {
        /// The file could not be opened or is not UTF-8 text.
        case unreadable
        /// A line does not have the number of fields its format requires.
        case fieldCount(expected: Int, found: Int)
        /// A field that must be a number is not one.
        case invalidNumber(field: String, value: String)
        /// The same (query, document) pair appears twice; trec_eval refuses this too.
        case duplicateDocument(qid: String, docno: String)
        /// The same topic id appears twice in a topics file.
        case duplicateTopic(qid: String)
        /// A topics line lacks the tab that separates the id from the text.
        case missingTab
        /// A field that must not be empty is empty.
        case emptyField(String)
        /// A measure name that this module does not compute.
        case unknownMeasure(String)
    }

    public let kind: Kind
    /// The file as named by the caller, or `nil` for in-memory input.
    public let file: String?
    /// 1-based line number, when the problem is tied to one line.
    public let line: Int?
    /// Extra detail from the system (e.g. the reason a file could not be read).
    public let detail: String?

    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, detail: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.detail = detail
    }

    public var description: String {
        var location = ""
        if let file { location = file }
        if let line { location += location.isEmpty ? "line \(line)" : " line \(line)" }
        let message: String
        switch kind {
        case .unreadable:
            message = "cannot read file" + (detail.map { ": \($0)" } ?? "")
        case let .fieldCount(expected, found):
            message = "expected \(expected) fields" + (detail.map { " (\($0))" } ?? "") + ", found \(found)"
        case let .invalidNumber(field, value):
            message = "\(field) '\(value)' is not a valid number"
        case let .duplicateDocument(qid, docno):
            message = "document '\(docno)' appears twice for query '\(qid)'"
        case let .duplicateTopic(qid):
            message = "topic '\(qid)' appears twice"
        case .missingTab:
            message = "expected qid<TAB>text"
        case let .emptyField(name):
            message = "empty \(name)"
        case let .unknownMeasure(name):
            message = "unknown measure '\(name)'" + (detail.map { " (\($0))" } ?? "")
        }
        return location.isEmpty ? message : "\(location): \(message)"
    }
}
