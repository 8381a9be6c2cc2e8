/// A crawl file turned into searchable text: what the index stores and analyzes.
public struct IngestedDocument: Sendable, Equatable {
    /// The document key: the file's path relative to the crawl root, `/`-separated.
    public var key: String
    public var title: String
    /// Heading texts (`h1`…`h6`), one per line.
    public var headings: String
    /// Visible body text; block boundaries (paragraphs, list items, cells, `<br>`) are `\n`.
    public var body: String
    /// BCP 47 tag from `<html lang>` / `Content-Language`, if any.
    public var language: String?
    /// `<meta>` contents worth keeping, by lowercased key: `description`, `keywords`, `author`, `og:title`.
    public var metadata: [String: String]
    /// The charset the bytes were decoded with, e.g. `utf-8`, `windows-1252`.
    public var charset: String
    /// True when mojibake repair changed any text.
    public var repaired: Bool
    /// True when the page has no `<title>` and `title` was derived from its first heading, first
    /// line or file name: shown as the title, but not indexed as one (the words are already in
    /// the headings or body, and a one-paragraph page must not become its own title).
    public var titleIsDerived: Bool = false

    public init(key: String, title: String, headings: String = "", body: String, language: String? = nil,
                metadata: [String: String] = [:], charset: String = "utf-8", repaired: Bool = false) {
        self.key = key
        self.title = title
        self.headings = headings
        self.body = body
        self.language = language
        self.metadata = metadata
        self.charset = charset
        self.repaired = repaired
    }
}
