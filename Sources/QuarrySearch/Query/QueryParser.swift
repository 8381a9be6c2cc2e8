/// Parses the query language (documented in the README):
///
/// ```
/// query    := orExpr
/// orExpr   := sequence ("OR" sequence)*
/// sequence := andExpr+                       implicit operator: ranked OR, with +/- modifiers
/// andExpr  := unary ("AND" unary)*
/// unary    := "NOT" unary | ("+" | "-")? primary
/// primary  := "(" orExpr ")" | (FIELD ":")? atom
/// atom     := "\"" words "\"" ("~" INT)? ("^" NUMBER)? | WORD ("*" | "~" INT?)? ("^" NUMBER)?
/// ```
/// FIELD is one of `fields` (any case) right before a colon; any other colon is part of a word.
/// `AND`, `OR`, `NOT` are operators only in upper case (lower-case "and" is a word, as users of
/// search boxes expect). Errors carry the 1-based column of the offending character.
public struct QueryParser {
    public static let fields: Set<String> = ["title", "headings", "body", "lang", "path"]
    public var maxClauses = 1024
    /// Longer queries are refused before parsing (a pasted document is not a query).
    public var maxLength = 10_000

    public init() {}

    private enum Token: Equatable {
        case word(String), phrase(String), lparen, rparen, plus, minus, and, or, not
        case field(String), star, tilde(Int?), caret(Double), end
    }

    private struct Lexed { var token: Token; var column: Int }

    public func parse(_ text: String) throws(QueryError) -> Query {
        // Counting characters (grapheme clusters) is only needed when the bytes could exceed
        // the limit: a character is at least one byte.
        guard text.utf8.count <= maxLength || text.count <= maxLength else {
            throw QueryError(column: maxLength + 1, message: "query longer than \(maxLength) characters")
        }
        do throws(QueryError) {
            let tokens = try lex(text)
            var p = 0
            var clauses = 0
            let q = try parseOr(tokens, &p, &clauses, depth: 0)
            guard tokens[p].token == .end else {
                throw QueryError(column: tokens[p].column, message: tokens[p].token == .rparen ? "unmatched ')'" : "unexpected input")
            }
            return q
        } catch {
            throw QueryError(column: Self.characterColumn(text, scalarColumn: error.column), message: error.message)
        }
    }

    /// The 1-based column, in characters as the user sees them, of the scalar at 1-based
    /// `scalarColumn` (one past the end for the end of the query).
    ///
    /// Why the lexer counts scalars: splitting every query into grapheme clusters (`Character`)
    /// cost more than the rest of parsing together; only an error needs the user's column.
    static func characterColumn(_ text: String, scalarColumn: Int) -> Int {
        let scalars = text.unicodeScalars
        let target = scalars.index(scalars.startIndex, offsetBy: scalarColumn - 1, limitedBy: scalars.endIndex) ?? scalars.endIndex
        var column = 1
        var i = text.startIndex
        while i < text.endIndex {
            let next = text.index(after: i)
            if next > target { break }
            column += 1
            i = next
        }
        return column
    }

    // MARK: lexer

    /// `Character.isWhitespace` (White_Space) without a property lookup for ASCII.
    @inline(__always)
    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return c == " " || (c.value >= 0x09 && c.value <= 0x0D) }
        return c.properties.isWhitespace
    }

    /// Tokens of `text`; columns are 1-based scalar offsets (see `characterColumn`).
    private func lex(_ text: String) throws(QueryError) -> [Lexed] {
        let chars = Array(text.unicodeScalars)
        // Where each scalar starts, and the end: a token's text is one slice of the query.
        var starts = Array(text.unicodeScalars.indices)
        starts.append(text.endIndex)
        func string(_ range: Range<Int>) -> String {
            String(text.unicodeScalars[starts[range.lowerBound]..<starts[range.upperBound]])
        }
        var out: [Lexed] = []
        var i = 0
        func isSpecial(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "(", ")", "\"", "^", "~", "*": return true
            default: return Self.isSpace(c)
            }
        }
        func isQuote(_ c: Unicode.Scalar) -> Bool { c == "\"" || c == "\u{201C}" || c == "\u{201D}" }
        while i < chars.count {
            let c = chars[i]
            let col = i + 1
            if Self.isSpace(c) { i += 1; continue }
            switch c {
            case "(": out.append(Lexed(token: .lparen, column: col)); i += 1; continue
            case ")": out.append(Lexed(token: .rparen, column: col)); i += 1; continue
            case "*": out.append(Lexed(token: .star, column: col)); i += 1; continue
            case "\"", "\u{201C}", "\u{201D}", "\u{201E}":
                var j = i + 1
                while j < chars.count && !isQuote(chars[j]) { j += 1 }
                guard j < chars.count else { throw QueryError(column: col, message: "unclosed quote") }
                out.append(Lexed(token: .phrase(string((i + 1)..<j)), column: col))
                i = j + 1
                continue
            case "~", "^":
                var j = i + 1
                while j < chars.count && (chars[j].properties.numericType != nil || chars[j] == ".") { j += 1 }
                let s = string((i + 1)..<j)
                if c == "~" {
                    // A bare `~` (before a space, `)` or the end) is a fuzzy word's default.
                    if s.isEmpty && (j == chars.count || Self.isSpace(chars[j]) || chars[j] == ")") {
                        out.append(Lexed(token: .tilde(nil), column: col))
                        i = j
                        continue
                    }
                    guard let n = Int(s), n >= 0, n <= 1000 else {
                        throw QueryError(column: col, message: "'~' needs a whole number of positions (0–1000), as in \"a b\"~3")
                    }
                    out.append(Lexed(token: .tilde(n), column: col))
                } else {
                    guard let b = Double(s), b.isFinite, b >= 0, b <= 1e6 else {
                        throw QueryError(column: col, message: "'^' needs a non-negative number, as in term^2")
                    }
                    out.append(Lexed(token: .caret(b), column: col))
                }
                i = j
                continue
            case "+", "-":
                // At the start of a token, + and - are modifiers; inside a word (e-mail) they are text.
                if i + 1 < chars.count && !Self.isSpace(chars[i + 1]) && chars[i + 1] != "+" && chars[i + 1] != "-" && chars[i + 1] != ")" {
                    out.append(Lexed(token: c == "+" ? .plus : .minus, column: col))
                    i += 1
                    continue
                }
            default: break
            }
            // A colon ends a word only after a field name (`title:`); anywhere else it is text,
            // so that pasted identifiers and addresses (`std::vector`, `https://…`, `Note:`)
            // search for their words instead of failing. `title::x` and `path://` are text too.
            var j = i
            var field: String? = nil
            while j < chars.count && !isSpecial(chars[j]) {
                if chars[j] == ":" && !(j + 1 < chars.count && (chars[j + 1] == ":" || chars[j + 1] == "/")) {
                    let name = string(i..<j).lowercased()
                    if Self.fields.contains(name) {
                        field = name
                        break
                    }
                }
                j += 1
            }
            if j == i {
                throw QueryError(column: col, message: "unexpected '\(Character(c))'")
            }
            if let field {
                out.append(Lexed(token: .field(field), column: col))
                i = j + 1
                continue
            }
            let s = string(i..<j)
            switch s {
            case "AND", "&&": out.append(Lexed(token: .and, column: col))
            case "OR", "||": out.append(Lexed(token: .or, column: col))
            case "NOT": out.append(Lexed(token: .not, column: col))
            default: out.append(Lexed(token: .word(s), column: col))
            }
            i = j
        }
        out.append(Lexed(token: .end, column: chars.count + 1))
        return out
    }

    private func isOperator(_ t: Token) -> Bool { t == .and || t == .or || t == .not }

    // MARK: parser

    private func parseOr(_ t: [Lexed], _ p: inout Int, _ n: inout Int, depth: Int) throws(QueryError) -> Query {
        guard depth < 64 else { throw QueryError(column: t[p].column, message: "parentheses nested too deeply") }
        var parts = [try parseSequence(t, &p, &n, depth: depth)]
        while t[p].token == .or {
            p += 1
            parts.append(try parseSequence(t, &p, &n, depth: depth))
        }
        return parts.count == 1 ? parts[0] : .boolean(must: [], should: parts, mustNot: [], boost: 1)
    }

    private func parseSequence(_ t: [Lexed], _ p: inout Int, _ n: inout Int, depth: Int) throws(QueryError) -> Query {
        var must: [Query] = [], should: [Query] = [], mustNot: [Query] = []
        let start = t[p].column
        while true {
            switch t[p].token {
            case .end, .rparen, .or: break
            case .and: throw QueryError(column: t[p].column, message: "'AND' needs a term on its left")
            default:
                let (modifier, q) = try parseAnd(t, &p, &n, depth: depth)
                switch modifier {
                case .plus: must.append(q)
                case .minus: mustNot.append(q)
                default: should.append(q)
                }
                continue
            }
            break
        }
        if must.isEmpty && should.isEmpty && mustNot.isEmpty {
            throw QueryError(column: t[p].column, message: t[p].token == .end && start == t[p].column && p == 0
                             ? "empty query" : "expected a term")
        }
        if must.count + should.count + mustNot.count == 1, let only = should.first { return only }
        return .boolean(must: must, should: should, mustNot: mustNot, boost: 1)
    }

    private func parseAnd(_ t: [Lexed], _ p: inout Int, _ n: inout Int, depth: Int) throws(QueryError) -> (Token?, Query) {
        var (modifier, first) = try parseUnary(t, &p, &n, depth: depth)
        guard t[p].token == .and else { return (modifier, first) }
        var parts = [first]
        if modifier == .minus { parts = [.boolean(must: [], should: [], mustNot: [first], boost: 1)]; modifier = nil }
        while t[p].token == .and {
            p += 1
            let (m, q) = try parseUnary(t, &p, &n, depth: depth)
            parts.append(m == .minus ? .boolean(must: [], should: [], mustNot: [q], boost: 1) : q)
        }
        // Pull negations up into mustNot of the conjunction.
        var must: [Query] = [], mustNot: [Query] = []
        for q in parts {
            if case .boolean(let m, let s, let mn, _) = q, m.isEmpty, s.isEmpty { mustNot += mn } else { must.append(q) }
        }
        first = .boolean(must: must, should: [], mustNot: mustNot, boost: 1)
        return (modifier, first)
    }

    private func parseUnary(_ t: [Lexed], _ p: inout Int, _ n: inout Int, depth: Int) throws(QueryError) -> (Token?, Query) {
        switch t[p].token {
        case .not:
            p += 1
            let (_, q) = try parseUnary(t, &p, &n, depth: depth + 1)
            return (.minus, q)
        case .plus, .minus:
            let m = t[p].token
            p += 1
            return (m, try parsePrimary(t, &p, &n, depth: depth))
        default:
            return (nil, try parsePrimary(t, &p, &n, depth: depth))
        }
    }

    private func parsePrimary(_ t: [Lexed], _ p: inout Int, _ n: inout Int, depth: Int) throws(QueryError) -> Query {
        n += 1
        guard n <= maxClauses else { throw QueryError(column: t[p].column, message: "more than \(maxClauses) clauses") }
        var field: String? = nil
        if case .field(let f) = t[p].token {
            field = f
            p += 1
        }
        let col = t[p].column
        switch t[p].token {
        case .lparen:
            guard field == nil else { throw QueryError(column: col, message: "a field applies to one term or phrase, not to parentheses") }
            p += 1
            let q = try parseOr(t, &p, &n, depth: depth + 1)
            guard t[p].token == .rparen else { throw QueryError(column: col, message: "unclosed '('") }
            p += 1
            if case .caret(let b) = t[p].token {
                p += 1
                if case .boolean(let m, let s, let mn, _) = q { return .boolean(must: m, should: s, mustNot: mn, boost: b) }
                return q.withBoost(b)
            }
            return q
        case .phrase(let s):
            p += 1
            var slop = 0
            if case .tilde(let k) = t[p].token {
                guard let k else {
                    throw QueryError(column: t[p].column, message: "'~' needs a whole number of positions (0–1000), as in \"a b\"~3")
                }
                slop = k
                p += 1
            }
            return .phrase(s, slop: slop, field: field, boost: parseBoost(t, &p))
        case .word(let w):
            p += 1
            if t[p].token == .star {
                p += 1
                return .prefix(w, field: field, boost: parseBoost(t, &p))
            }
            if case .tilde(let k) = t[p].token {
                // Lucene's fuzzy syntax: `word~` allows two edits, `word~1` one, `word~0` none.
                let edits = k ?? 2
                guard edits <= 2 else {
                    throw QueryError(column: t[p].column, message: "a word matches within at most 2 edits, as in word~2")
                }
                p += 1
                if edits == 0 { return .word(w, field: field, boost: parseBoost(t, &p)) }
                return .fuzzy(w, maxEdits: edits, field: field, boost: parseBoost(t, &p))
            }
            return .word(w, field: field, boost: parseBoost(t, &p))
        case .end:
            throw QueryError(column: col, message: field != nil ? "'\(field!):' needs a term after it" : "expected a term")
        case .rparen:
            throw QueryError(column: col, message: "unmatched ')'")
        case .star:
            throw QueryError(column: col, message: "'*' must follow a word prefix, as in protect*")
        case .tilde:
            throw QueryError(column: col, message: "'~' follows a word or a quoted phrase, as in word~1 or \"a b\"~3")
        case .caret:
            throw QueryError(column: col, message: "'^' follows a term, phrase or parenthesis, as in term^2")
        default:
            throw QueryError(column: col, message: "expected a term")
        }
    }

    private func parseBoost(_ t: [Lexed], _ p: inout Int) -> Double {
        if case .caret(let b) = t[p].token { p += 1; return b }
        return 1
    }
}

extension Query {
    func withBoost(_ b: Double) -> Query {
        switch self {
        case .word(let w, let f, _): return .word(w, field: f, boost: b)
        case .phrase(let s, let slop, let f, _): return .phrase(s, slop: slop, field: f, boost: b)
        case .prefix(let s, let f, _): return .prefix(s, field: f, boost: b)
        case .fuzzy(let s, let edits, let f, _): return .fuzzy(s, maxEdits: edits, field: f, boost: b)
        case .boolean(let m, let s, let n, _): return .boolean(must: m, should: s, mustNot: n, boost: b)
        }
    }
}
