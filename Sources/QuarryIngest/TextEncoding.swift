/// A character encoding Quarry can decode, named the way the WHATWG Encoding Standard names it.
///
/// Labels found in documents (`<meta charset>`, `Content-Type`, XML declarations) are mapped to
/// an encoding with `init?(label:)`, which follows the WHATWG label table for the encodings
/// that occur in web crawls: `latin1`, `iso-8859-1` and `us-ascii` mean windows-1252, as they
/// do in every browser. Encodings without a built-in decoder are `.other` and are decoded
/// through glibc `iconv` (see `IconvDecoder`).
public enum TextEncoding: Sendable, Hashable {
    case utf8
    case utf16LE, utf16BE
    case utf32LE, utf32BE
    case windows1252
    /// Strict ISO-8859-1 (bytes 0x80–0x9F are C1 controls). No document label reaches it —
    /// WHATWG maps every Latin-1 label to windows-1252 — it is here for callers that know better.
    case iso8859_1
    case iso8859_2, iso8859_15
    case windows1250, windows1251
    case koi8R
    case macRoman
    /// Another WHATWG encoding, by its canonical name (e.g. `shift_jis`), decoded through iconv.
    case other(String)

    /// The canonical (WHATWG) name, reported as `IngestedDocument.charset`.
    public var name: String {
        switch self {
        case .utf8: return "utf-8"
        case .utf16LE: return "utf-16le"
        case .utf16BE: return "utf-16be"
        case .utf32LE: return "utf-32le"
        case .utf32BE: return "utf-32be"
        case .windows1252: return "windows-1252"
        case .iso8859_1: return "iso-8859-1"
        case .iso8859_2: return "iso-8859-2"
        case .iso8859_15: return "iso-8859-15"
        case .windows1250: return "windows-1250"
        case .windows1251: return "windows-1251"
        case .koi8R: return "koi8-r"
        case .macRoman: return "macintosh"
        case .other(let name): return name
        }
    }

    /// True for encodings in which ASCII bytes stand for ASCII characters, so markup can be
    /// scanned before decoding. UTF-16/32 are the exceptions; `.other` may be (ISO-2022-JP
    /// is close enough: its escape sequences never contain `<`).
    var isASCIICompatible: Bool {
        switch self {
        case .utf16LE, .utf16BE, .utf32LE, .utf32BE: return false
        default: return true
        }
    }

    /// Maps a charset label to an encoding; nil for labels the WHATWG table does not know
    /// (the caller then keeps looking, or guesses). Leading/trailing whitespace and case are ignored.
    public init?(label: String) {
        let key = label.trimmingASCIIWhitespace().lowercased()
        guard let encoding = TextEncoding.labels[key] else { return nil }
        self = encoding
    }

    /// WHATWG labels, lowercased. Built once; a lookup is one hash of a short string.
    private static let labels: [String: TextEncoding] = {
        var table: [String: TextEncoding] = [:]
        func add(_ encoding: TextEncoding, _ names: [String]) {
            for name in names { table[name] = encoding }
        }
        add(.utf8, ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"])
        add(.windows1252, ["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
                           "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
                           "us-ascii", "windows-1252", "x-cp1252"])
        add(.iso8859_2, ["csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
                         "iso_8859-2:1987", "l2", "latin2"])
        add(.iso8859_15, ["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"])
        add(.windows1250, ["cp1250", "windows-1250", "x-cp1250"])
        add(.windows1251, ["cp1251", "windows-1251", "x-cp1251"])
        add(.koi8R, ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"])
        add(.macRoman, ["csmacintosh", "mac", "macintosh", "x-mac-roman"])
        add(.utf16LE, ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"])
        add(.utf16BE, ["unicodefffe", "utf-16be"])
        add(.utf32LE, ["utf-32", "utf-32le"])
        add(.utf32BE, ["utf-32be"])
        add(.other("shift_jis"), ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis",
                                  "windows-31j", "x-sjis"])
        add(.other("euc-jp"), ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"])
        add(.other("iso-2022-jp"), ["csiso2022jp", "iso-2022-jp"])
        add(.other("gbk"), ["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
                            "iso-ir-58", "x-gbk"])
        add(.other("gb18030"), ["gb18030"])
        add(.other("big5"), ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"])
        add(.other("euc-kr"), ["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
                               "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"])
        add(.other("koi8-u"), ["koi8-ru", "koi8-u"])
        add(.other("ibm866"), ["866", "cp866", "csibm866", "ibm866"])
        add(.other("windows-874"), ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"])
        for (number, extra) in [(3, ["l3", "latin3"]), (4, ["l4", "latin4"]), (5, ["cyrillic"]), (6, ["arabic"]),
                                (7, ["greek", "greek8"]), (8, ["hebrew", "visual"]), (10, ["l6", "latin6"]),
                                (13, []), (14, []), (16, [])] {
            let canonical = "iso-8859-\(number)"
            add(.other(canonical), [canonical, "iso8859-\(number)", "iso8859\(number)", "iso_8859-\(number)"] + extra)
        }
        for number in 1253...1258 {
            add(.other("windows-\(number)"), ["windows-\(number)", "cp\(number)", "x-cp\(number)"])
        }
        add(.other("windows-1254"), ["iso-8859-9", "iso8859-9", "iso88599", "iso_8859-9", "l5", "latin5"])
        return table
    }()
}

extension String {
    /// The string without leading and trailing ASCII whitespace (space, tab, CR, LF, FF).
    func trimmingASCIIWhitespace() -> String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start].isASCIIWhitespace { start += 1 }
        while end > start, bytes[end - 1].isASCIIWhitespace { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

extension UInt8 {
    /// HTML's notion of whitespace: space, tab, LF, FF, CR.
    var isASCIIWhitespace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D
    }

    /// The ASCII lowercase of this byte; other bytes unchanged.
    var asciiLowercased: UInt8 { (self >= 0x41 && self <= 0x5A) ? self | 0x20 : self }
}
