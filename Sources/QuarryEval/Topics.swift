/// One search topic: an id and the query text a system runs for it.
public struct Topic: Equatable, Sendable {
    public let id: String
    public let text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// A topics file: one `qid<TAB>text` per line, in file order.
///
/// This is the same shape `quarry batch` reads on stdin, so one file serves both. File order is
/// kept because a run produced from the topics is easiest to compare when it follows it.
public struct Topics: Equatable, Sendable {
    public let topics: [Topic]

    public init(_ topics: [Topic]) {
        self.topics = topics
    }

    /// Parses topics text; `source` names the file in errors.
    ///
    /// The text after the first tab is the query (further tabs are kept, surrounding spaces
    /// trimmed). Duplicate ids are rejected: a run could not tell them apart.
    public static func parse(_ text: String, source: String? = nil) throws(EvalError) -> Topics {
        var topics: [Topic] = []
        var seen: Set<String> = []
        try TextLines.forEachLine(in: text) { (line, number) throws(EvalError) in
            guard let tab = line.firstIndex(of: "\t") else {
                throw EvalError(.missingTab, file: source, line: number)
            }
            let id = String(line[..<tab].trimmingSpaces())
            let query = String(line[line.index(after: tab)...].trimmingSpaces())
            guard !id.isEmpty else { throw EvalError(.emptyField("topic id"), file: source, line: number) }
            guard !query.isEmpty else { throw EvalError(.emptyField("query text"), file: source, line: number) }
            guard seen.insert(id).inserted else {
                throw EvalError(.duplicateTopic(qid: id), file: source, line: number)
            }
            topics.append(Topic(id: id, text: query))
        }
        return Topics(topics)
    }

    /// Reads and parses a topics file.
    public static func load(path: String) throws(EvalError) -> Topics {
        try parse(TextLines.read(path: path), source: path)
    }
}

extension Substring {
    /// Drops leading and trailing spaces and tabs (no Foundation needed).
    func trimmingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
