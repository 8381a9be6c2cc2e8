/// A tiny tag/attribute tokenizer for the charset prescan: finds `<meta>` tags and the XML
/// declaration in raw (not yet decoded) ASCII-compatible bytes.
///
/// Why not libxml2: the encoding must be known before the real parse, and the prescan reads at
/// most 4 KiB. Like the WHATWG prescan it skips comments and the attributes of other tags, so
/// `<a title="<meta charset=x>">` is not mistaken for a declaration. Attribute names are
/// lowercased; values are kept as written (quotes optional) and the first occurrence wins.
struct MarkupScanner {
    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    /// The `encoding` pseudo-attribute of an XML declaration at the very start (after whitespace).
    mutating func xmlDeclarationEncoding() -> String? {
        skipWhitespace()
        guard matches("<?xml") else { return nil }
        index += 5
        var attributes: [String: String] = [:]
        while index < bytes.endIndex {
            skipWhitespace()
            if matches("?>") { break }
            guard let (name, value) = nextAttribute(stoppingAt: UInt8(ascii: "?")) else { break }
            if attributes[name] == nil { attributes[name] = value }
        }
        return attributes["encoding"]
    }

    /// The attributes of the next `<meta>` tag, or nil when the prescan window holds no more.
    mutating func nextMetaAttributes() -> [String: String]? {
        while index < bytes.endIndex {
            guard let lt = bytes[index...].firstIndex(of: UInt8(ascii: "<")) else {
                index = bytes.endIndex
                return nil
            }
            index = lt
            if matches("<!--") {
                skipPast("-->")
                continue
            }
            index += 1
            guard index < bytes.endIndex else { return nil }
            let first = bytes[index]
            if first == UInt8(ascii: "!") || first == UInt8(ascii: "?") || first == UInt8(ascii: "/") {
                skipPast(">")
                continue
            }
            guard isASCIILetter(first) else { continue }
            let nameStart = index
            while index < bytes.endIndex, !bytes[index].isASCIIWhitespace,
                  bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") {
                index += 1
            }
            let isMeta = lowercasedString(bytes[nameStart..<index]) == "meta"
            var attributes: [String: String] = [:]
            while let (name, value) = nextAttribute(stoppingAt: nil) {
                if isMeta, attributes[name] == nil { attributes[name] = value }
            }
            if isMeta { return attributes }
        }
        return nil
    }

    /// Reads one `name[=value]` pair; nil at `>` (consumed), at `stop`, or at the end of input.
    private mutating func nextAttribute(stoppingAt stop: UInt8?) -> (String, String)? {
        while index < bytes.endIndex, bytes[index].isASCIIWhitespace || bytes[index] == UInt8(ascii: "/") {
            index += 1
        }
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == UInt8(ascii: ">") {
            index += 1
            return nil
        }
        if let stop, bytes[index] == stop { return nil }
        let nameStart = index
        while index < bytes.endIndex {
            let c = bytes[index]
            if c.isASCIIWhitespace || c == UInt8(ascii: "=") || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") { break }
            if let stop, c == stop { break }
            index += 1
        }
        // A lone stray character (e.g. `"`) must still advance, or the caller would loop forever.
        if index == nameStart { index += 1 }
        let name = lowercasedString(bytes[nameStart..<index])
        skipWhitespace()
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") else { return (name, "") }
        index += 1
        skipWhitespace()
        guard index < bytes.endIndex else { return (name, "") }
        let quote = bytes[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            index += 1
            let valueStart = index
            while index < bytes.endIndex, bytes[index] != quote { index += 1 }
            let value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
            if index < bytes.endIndex { index += 1 }
            return (name, value)
        }
        let valueStart = index
        while index < bytes.endIndex, !bytes[index].isASCIIWhitespace, bytes[index] != UInt8(ascii: ">") {
            if let stop, bytes[index] == stop { break }
            index += 1
        }
        return (name, String(decoding: bytes[valueStart..<index], as: UTF8.self))
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.endIndex - index >= count else { return false }
        return literal.withUTF8Buffer { pattern in
            pattern.indices.allSatisfy { bytes[index + $0].asciiLowercased == pattern[$0] }
        }
    }

    private mutating func skipPast(_ literal: StaticString) {
        while index < bytes.endIndex {
            if matches(literal) {
                index += literal.utf8CodeUnitCount
                return
            }
            index += 1
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.endIndex, bytes[index].isASCIIWhitespace { index += 1 }
    }

    private func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }

    private func lowercasedString(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice.map(\.asciiLowercased), as: UTF8.self)
    }
}
