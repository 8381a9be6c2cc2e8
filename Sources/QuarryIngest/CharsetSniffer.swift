/// Decides which encoding a crawl file's bytes are in, before any parsing.
///
/// Precedence, as browsers do it: a byte-order mark wins; then a declaration in the first
/// 4096 bytes (`<?xml … encoding=…?>`, `<meta charset=…>`, `<meta http-equiv="Content-Type"
/// content="…; charset=…">`); then a guess — UTF-8 when the bytes look like UTF-8, otherwise
/// windows-1252. UTF-16 without a BOM is recognised from the `<\0` / `\0<` pattern of markup.
///
/// Cost: the declaration scan reads at most 4096 bytes; the guess reads the whole file once
/// (no allocation).
public enum CharsetSniffer {
    /// Where the verdict came from; useful in diagnostics and tests.
    public enum Source: Sendable, Equatable {
        case byteOrderMark
        case declaration
        case guessed
    }

    public struct Result: Sendable, Equatable {
        public var encoding: TextEncoding
        /// Bytes of the byte-order mark to skip before decoding (0 when there is none).
        public var bomLength: Int
        public var source: Source
    }

    /// How far declarations are looked for, as in the WHATWG prescan.
    public static let prescanLength = 4096

    /// Sniffs `bytes`. With `scanDeclarations` false (plain text), only the BOM and the guess apply.
    public static func sniff(_ bytes: [UInt8], scanDeclarations: Bool = true) -> Result {
        if let bom = byteOrderMark(bytes) { return bom }
        if let utf16 = bomlessUTF16(bytes) { return Result(encoding: utf16, bomLength: 0, source: .guessed) }
        if scanDeclarations, let declared = declaredEncoding(bytes) {
            return Result(encoding: declared, bomLength: 0, source: .declaration)
        }
        return Result(encoding: guess(bytes[...]), bomLength: 0, source: .guessed)
    }

    /// UTF-32 is tested before UTF-16 because the UTF-32 LE mark begins with the UTF-16 LE one.
    static func byteOrderMark(_ b: [UInt8]) -> Result? {
        func has(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && b.starts(with: prefix) }
        if has([0xEF, 0xBB, 0xBF]) { return Result(encoding: .utf8, bomLength: 3, source: .byteOrderMark) }
        if has([0xFF, 0xFE, 0x00, 0x00]) { return Result(encoding: .utf32LE, bomLength: 4, source: .byteOrderMark) }
        if has([0x00, 0x00, 0xFE, 0xFF]) { return Result(encoding: .utf32BE, bomLength: 4, source: .byteOrderMark) }
        if has([0xFF, 0xFE]) { return Result(encoding: .utf16LE, bomLength: 2, source: .byteOrderMark) }
        if has([0xFE, 0xFF]) { return Result(encoding: .utf16BE, bomLength: 2, source: .byteOrderMark) }
        return nil
    }

    /// Markup in UTF-16 without a BOM starts `<\0x\0` (LE) or `\0<\0x` (BE).
    static func bomlessUTF16(_ b: [UInt8]) -> TextEncoding? {
        guard b.count >= 4 else { return nil }
        if b[0] == 0x3C, b[1] == 0, b[2] != 0, b[3] == 0 { return .utf16LE }
        if b[0] == 0, b[1] == 0x3C, b[2] == 0, b[3] != 0 { return .utf16BE }
        return nil
    }

    /// UTF-8 when there is UTF-8 evidence (well-formed multi-byte sequences) outweighing invalid
    /// bytes — the decoder then repairs the stray bytes — or when the text is pure ASCII;
    /// windows-1252 otherwise. Browsers would pick windows-1252 at the first invalid byte; for
    /// search, a mostly-UTF-8 page with one stray byte reads better as UTF-8.
    static func guess(_ bytes: ArraySlice<UInt8>) -> TextEncoding {
        let census = UTF8Validation.census(bytes)
        if census.invalid == 0 { return .utf8 }
        return census.multiByte > census.invalid ? .utf8 : .windows1252
    }

    /// The first usable declaration in the first `prescanLength` bytes, or nil.
    static func declaredEncoding(_ bytes: [UInt8]) -> TextEncoding? {
        let head = bytes.prefix(prescanLength)
        var scanner = MarkupScanner(head)
        if let label = scanner.xmlDeclarationEncoding(), let encoding = TextEncoding(label: label) {
            return utf16MeansUTF8(encoding)
        }
        scanner = MarkupScanner(head)
        while let attributes = scanner.nextMetaAttributes() {
            if let label = charsetLabel(fromMeta: attributes), let encoding = TextEncoding(label: label) {
                return utf16MeansUTF8(encoding)
            }
        }
        return nil
    }

    /// A document whose ASCII bytes we could read cannot really be UTF-16/32 (WHATWG rule).
    private static func utf16MeansUTF8(_ encoding: TextEncoding) -> TextEncoding {
        encoding.isASCIICompatible ? encoding : .utf8
    }

    /// `charset` attribute, or `charset=` inside `content` when `http-equiv` is Content-Type.
    static func charsetLabel(fromMeta attributes: [String: String]) -> String? {
        if let charset = attributes["charset"], !charset.isEmpty { return charset }
        guard attributes["http-equiv"]?.lowercased() == "content-type", let content = attributes["content"] else {
            return nil
        }
        return charsetParameter(in: content)
    }

    /// Extracts the value after `charset=` in a Content-Type value (quotes optional).
    static func charsetParameter(in content: String) -> String? {
        let bytes = Array(content.utf8)
        let needle = Array("charset".utf8)
        var i = 0
        while i + needle.count <= bytes.count {
            let matches = (0..<needle.count).allSatisfy { bytes[i + $0].asciiLowercased == needle[$0] }
            if !matches {
                i += 1
                continue
            }
            var j = i + needle.count
            while j < bytes.count, bytes[j].isASCIIWhitespace { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: "=") else {
                i += 1
                continue
            }
            j += 1
            while j < bytes.count, bytes[j].isASCIIWhitespace { j += 1 }
            var quote: UInt8? = nil
            if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                quote = bytes[j]
                j += 1
            }
            var k = j
            while k < bytes.count {
                let c = bytes[k]
                if let quote, c == quote { break }
                if quote == nil, c.isASCIIWhitespace || c == UInt8(ascii: ";") { break }
                k += 1
            }
            return k > j ? String(decoding: bytes[j..<k], as: UTF8.self) : nil
        }
        return nil
    }
}
