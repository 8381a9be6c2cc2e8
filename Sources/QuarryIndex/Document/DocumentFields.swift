/// What the index stores and analyzes for one document.
public struct DocumentFields: Sendable, Equatable {
    /// Unique key: the file's path relative to the crawl root (`/`-separated).
    public var key: String
    public var title: String
    /// Heading texts, one per line.
    public var headings: String
    /// Body text; `\n` separates blocks (paragraphs, list items…).
    public var body: String
    /// BCP 47 language tag; nil means the analyzer's default.
    public var language: String?
    public var metadata: [String: String]
    /// False when `title` is only a display title derived from the content (no `<title>`): it is
    /// stored and shown but not indexed, so its words are not counted twice.
    public var titleIsIndexed: Bool

    public init(key: String, title: String, headings: String = "", body: String, language: String? = nil,
                metadata: [String: String] = [:], titleIsIndexed: Bool = true) {
        self.titleIsIndexed = titleIsIndexed
        self.key = key
        self.title = title
        self.headings = headings
        self.body = body
        self.language = language
        self.metadata = metadata
    }

    public func text(of field: Field) -> String {
        switch field {
        case .title: return titleIsIndexed ? title : ""
        case .headings: return headings
        case .body: return body
        }
    }
}
