/// The parsed form of a query string, before analysis.
///
/// Every operator of the query language reduces to `boolean` (Lucene's model): `must` clauses
/// all match, `mustNot` clauses exclude, `should` clauses add score — and, when there are no
/// `must` clauses, at least one of them must match.
public indirect enum Query: Sendable, Equatable {
    /// A word as typed; analysis may split it (`e-mail` → `e mail`, then matched as a phrase).
    case word(String, field: String?, boost: Double)
    /// Words that must appear adjacent and in order; with `slop` > 0, all within a window of
    /// `slop` extra positions, in any order (`"a b"~3`).
    case phrase(String, slop: Int, field: String?, boost: Double)
    /// A prefix over unstemmed words (`protect*`).
    case prefix(String, field: String?, boost: Double)
    /// The unstemmed words within `maxEdits` (1 or 2) insertions, deletions, substitutions or
    /// swaps of adjacent letters of a word (`kernal~1`).
    case fuzzy(String, maxEdits: Int, field: String?, boost: Double)
    case boolean(must: [Query], should: [Query], mustNot: [Query], boost: Double)

    /// A readable rendering, used by `--explain` and tests.
    public var description: String {
        func f(_ field: String?) -> String { field.map { "\($0):" } ?? "" }
        func b(_ boost: Double) -> String { boost == 1 ? "" : "^\(boost)" }
        switch self {
        case .word(let w, let field, let boost): return f(field) + w + b(boost)
        case .phrase(let p, let slop, let field, let boost):
            return f(field) + "\"\(p)\"" + (slop > 0 ? "~\(slop)" : "") + b(boost)
        case .prefix(let p, let field, let boost): return f(field) + p + "*" + b(boost)
        case .fuzzy(let w, let edits, let field, let boost): return f(field) + w + "~\(edits)" + b(boost)
        case .boolean(let must, let should, let mustNot, let boost):
            let parts = must.map { "+" + $0.description } + should.map(\.description) + mustNot.map { "-" + $0.description }
            return "(" + parts.joined(separator: " ") + ")" + b(boost)
        }
    }
}

/// A query that cannot be parsed or run, with the 1-based column it refers to.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "query error at column \(column): \(message)" }
}
