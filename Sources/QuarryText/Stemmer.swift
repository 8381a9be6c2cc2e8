import CStemmer

/// The one file that touches libstemmer (Snowball). A stemmer instance is not thread-safe, so
/// each `Analyzer` owns its own; `Stemmer` is deliberately not `Sendable`.
final class Stemmer {
    private let handle: OpaquePointer

    /// Returns nil when libstemmer has no algorithm for the language.
    init?(language: Language) {
        guard let h = sb_stemmer_new(language.code, "UTF_8") else { return nil }
        handle = h
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
