import QuarryText

/// Decodes document bytes into a UTF-8 byte buffer, the form libxml2 and the plain-text path consume.
///
/// Why bytes and not `String`: the HTML parser wants a contiguous UTF-8 buffer, and building a
/// `String` first would cost a second copy and a second validation pass. Every decoder here is
/// total — it never fails and never drops input: bytes that are invalid in the source encoding
/// come out as the windows-1252 character of the same byte (a C1 control for its five undefined
/// bytes), so a mislabelled document keeps its text and mojibake repair can still fix it later.
/// NUL characters become spaces, because libxml2 treats NUL as end of input.
///
/// Cost: one pass over the input, one output allocation (reserved up front: ≈ input size for
/// UTF-8, 1.5× for single-byte charsets, 1.5× for UTF-16).
enum CharsetDecoder {
    /// Decodes `bytes` (without any byte-order mark) from `encoding` to UTF-8. Returns the encoding
    /// actually used: an `.other` charset that iconv cannot open is decoded as windows-1252.
    static func decode(_ bytes: ArraySlice<UInt8>, from encoding: TextEncoding) -> (utf8: [UInt8], encoding: TextEncoding) {
        if case .other(let name) = encoding {
            if let utf8 = IconvDecoder.decode(bytes, charset: name) { return (utf8, encoding) }
            return (singleByte(bytes, upper: SingleByteCharset.windows1252Upper), .windows1252)
        }
        return (decodeBuiltIn(bytes, from: encoding), encoding)
    }

    private static func decodeBuiltIn(_ bytes: ArraySlice<UInt8>, from encoding: TextEncoding) -> [UInt8] {
        switch encoding {
        case .utf8: return repairingUTF8(bytes)
        case .utf16LE: return utf16(bytes, bigEndian: false)
        case .utf16BE: return utf16(bytes, bigEndian: true)
        case .utf32LE: return utf32(bytes, bigEndian: false)
        case .utf32BE: return utf32(bytes, bigEndian: true)
        case .iso8859_1: return singleByte(bytes, upper: nil)
        case .windows1252: return singleByte(bytes, upper: SingleByteCharset.windows1252Upper)
        case .iso8859_2: return singleByte(bytes, upper: SingleByteCharset.iso8859_2Upper)
        case .iso8859_15: return singleByte(bytes, upper: SingleByteCharset.iso8859_15Upper)
        case .windows1250: return singleByte(bytes, upper: SingleByteCharset.windows1250Upper)
        case .windows1251: return singleByte(bytes, upper: SingleByteCharset.windows1251Upper)
        case .koi8R: return singleByte(bytes, upper: SingleByteCharset.koi8rUpper)
        case .macRoman: return singleByte(bytes, upper: SingleByteCharset.macRomanUpper)
        case .other: return singleByte(bytes, upper: SingleByteCharset.windows1252Upper)
        }
    }

    /// The index after the bytes from `start` that are ASCII and not NUL, read eight at a time
    /// (the last few bytes, and the first word holding another byte, are left to the caller).
    private static func skipASCII(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        let offset = start - bytes.startIndex
        return start + bytes.withUnsafeBufferPointer { ASCIIWords.end($0, from: offset, excluding: 0) - offset }
    }

    /// Copies valid UTF-8 through and decodes each invalid byte as windows-1252.
    ///
    /// Valid text costs one validation pass and one copy; ASCII runs take a fast path.
    static func repairingUTF8(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        // Fast path (nearly every page): well-formed and NUL-free, so one scan and one bulk copy.
        // ASCII is passed over eight bytes at a time, also after each non-ASCII character: a
        // page with a © in its header was otherwise checked byte by byte to its end.
        var scan = skipASCII(bytes, from: bytes.startIndex)
        while scan < bytes.endIndex {
            let byte = bytes[scan]
            if byte == 0 { break }
            if byte < 0x80 {
                scan = skipASCII(bytes, from: scan + 1)
                continue
            }
            let length = UTF8Validation.sequenceLength(bytes, at: scan)
            if length == 0 { break }
            scan = skipASCII(bytes, from: scan + length)
        }
        if scan == bytes.endIndex { return Array(bytes) }

        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                out.append(byte == 0 ? 0x20 : byte)
                index += 1
                continue
            }
            let length = UTF8Validation.sequenceLength(bytes, at: index)
            if length > 0 {
                out.append(contentsOf: bytes[index..<(index + length)])
                index += length
            } else {
                appendScalar(UInt32(SingleByteCharset.windows1252Upper[Int(byte) - 0x80]), to: &out)
                index += 1
            }
        }
        return out
    }

    /// Decodes a single-byte charset: ASCII below 0x80, `upper[byte - 0x80]` above
    /// (`nil` = ISO-8859-1, the identity).
    static func singleByte(_ bytes: ArraySlice<UInt8>, upper: [UInt16]?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte == 0 ? 0x20 : byte)
            } else if let upper {
                appendScalar(UInt32(upper[Int(byte) - 0x80]), to: &out)
            } else {
                appendScalar(UInt32(byte), to: &out)
            }
        }
        return out
    }

    /// UTF-16: surrogate pairs joined; an unpaired surrogate or an odd trailing byte becomes U+FFFD
    /// (the only place a replacement character is produced: there is no byte-level fallback for it).
    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        var index = bytes.startIndex
        func unit(at i: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1]) : UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i])
        }
        while index + 1 < bytes.endIndex {
            let first = unit(at: index)
            index += 2
            if first >= 0xD800 && first <= 0xDBFF, index + 1 < bytes.endIndex {
                let second = unit(at: index)
                if second >= 0xDC00 && second <= 0xDFFF {
                    index += 2
                    appendScalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), to: &out)
                    continue
                }
            }
            appendScalar(first, to: &out)
        }
        if index < bytes.endIndex { appendScalar(0xFFFD, to: &out) }
        return out
    }

    /// UTF-32: values beyond U+10FFFF or in the surrogate range become U+FFFD.
    static func utf32(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 3 < bytes.endIndex {
            let b0 = UInt32(bytes[index]), b1 = UInt32(bytes[index + 1])
            let b2 = UInt32(bytes[index + 2]), b3 = UInt32(bytes[index + 3])
            appendScalar(bigEndian ? b0 << 24 | b1 << 16 | b2 << 8 | b3 : b3 << 24 | b2 << 16 | b1 << 8 | b0, to: &out)
            index += 4
        }
        if index < bytes.endIndex { appendScalar(0xFFFD, to: &out) }
        return out
    }

    /// Appends the UTF-8 form of `value`; NUL becomes a space, surrogates and out-of-range values U+FFFD.
    @inline(__always)
    static func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        switch value {
        case 0: out.append(0x20)
        case 0x01..<0x80: out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (value >> 6)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        case 0xD800...0xDFFF, 0x110000...: appendScalar(0xFFFD, to: &out)
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (value >> 12)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (value >> 18)))
            out.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}

/// Namespace for the single-byte charset tables (`SingleByteCharsetTables.swift`).
enum SingleByteCharset {}

/// UTF-8 well-formedness, per Unicode Table 3-7 (no overlongs, no surrogates, ≤ U+10FFFF).
enum UTF8Validation {
    /// Length of the well-formed multi-byte sequence starting at `index`, or 0 if it is not one.
    /// `bytes[index]` must be ≥ 0x80.
    @inline(__always)
    static func sequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let end = bytes.endIndex
        @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            let i = index + offset
            return i < end && bytes[i] >= low && bytes[i] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }

    /// Counts well-formed multi-byte sequences and invalid bytes: the evidence for guessing
    /// whether undeclared text is UTF-8. One pass, no allocation.
    static func census(_ bytes: ArraySlice<UInt8>) -> (multiByte: Int, invalid: Int) {
        var multiByte = 0
        var invalid = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length > 0 {
                multiByte += 1
                index += length
            } else {
                invalid += 1
                index += 1
            }
        }
        return (multiByte, invalid)
    }
}
