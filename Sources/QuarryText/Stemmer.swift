import CStemmer

/// The one file that touches libstemmer (Snowball). A stemmer instance is not thread-safe, so
/// each `Analyzer` owns its own; `Stemmer` is deliberately not `Sendable`.
final class Stemmer {
    private let handle: OpaquePointer

    /// Returns nil when libstemmer has no algorithm for the language (e.g. Polish, Japanese).
    /// libstemmer accepts ISO 639-1/639-2 codes itself; Norwegian Bokmål/Nynorsk are mapped to `no`.
    init?(language: Language) {
        let name = Self.aliases[language.code] ?? language.code
        guard let h = sb_stemmer_new(name, "UTF_8") else { return nil }
        handle = h
    }

    private static let aliases = ["nb": "no", "nn": "no"]

    /// Names of the algorithms the installed libstemmer offers (e.g. `english`, `german`).
    static var availableAlgorithms: [String] {
        var names: [String] = []
        guard var cursor = sb_stemmer_list() else { return names }
        while let name = cursor.pointee {
            names.append(String(cString: name))
            cursor += 1
        }
        return names
    }

    deinit { sb_stemmer_delete(handle) }

    /// Stems one already case-folded word. Cost: one C call and one String allocation.
    func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { buf -> String in
            guard let base = buf.baseAddress,
                  let out = sb_stemmer_stem(handle, base, Int32(buf.count)) else { return String(decoding: buf, as: UTF8.self) }
            let n = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self)
        }
    }
}
