/// A document or query language, reduced to its primary ISO 639-1 subtag (`en-GB` → `en`).
///
/// Only the primary subtag matters for analysis: it picks the stemmer and the stopword list.
public struct Language: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Lower-case primary subtag, e.g. `en`, `de`, `pl`.
    public let code: String

    public static let english = Language(uncheckedCode: "en")

    private init(uncheckedCode: String) { self.code = uncheckedCode }

    /// Parses a BCP 47 tag such as `de`, `fr-BE`, `pt_BR`; returns nil for empty or malformed tags.
    public init?(tag: String) {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        guard (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.code = primary.lowercased()
    }

    public var description: String { code }
}
