/// The word list's payload (`.wrd`, version 2): how an unstemmed word's term is written as an
/// edit of the word itself.
///
/// ```
/// payload := ε                                  (the term equals the word)
///          | drop:vint suffix:bytes             (term = word without its last `drop` bytes, then `suffix`)
/// ```
/// A stem is almost always a prefix of its word plus a short ending ("configuration" →
/// "configur" is `5`, one byte instead of eight), so the edit costs 1–3 bytes where spelling
/// the term out cost its full length: 1.0 MB less on the Debian-docs crawl. The suffix runs to
/// the end of the payload (the dictionary already records the payload's length). Edits work on
/// UTF-8 bytes; the writer never produces `drop = 0` with an empty suffix.
enum WordListFormat {
    static let kind = "WORD"
    static let version: UInt32 = 2

    /// The payload for `word` → `term`.
    static func payload(word: [UInt8], term: [UInt8]) -> [UInt8] {
        if word == term { return [] }
        var shared = 0
        let n = min(word.count, term.count)
        while shared < n && word[shared] == term[shared] { shared += 1 }
        var w = ByteWriter()
        w.vint(word.count - shared)
        w.append(contentsOf: term[shared...])
        return w.bytes
    }

    /// How a payload turns the word into its term: keep the word's first `keep` bytes, then
    /// `suffix` (valid while the payload's mapping is); nil when the term is the word itself.
    /// Damage (a drop longer than the word) is an error.
    private static func edit(word: [UInt8], payload: ByteReader) throws(IndexError) -> (keep: Int, suffix: UnsafeRawBufferPointer)? {
        if payload.base.isEmpty { return nil }
        var r = payload
        let keep = word.count - (try r.vcount(max: word.count))
        return (keep, try r.bytes(r.remaining))
    }

    /// The term bytes a payload stands for.
    static func term(word: [UInt8], payload: ByteReader) throws(IndexError) -> [UInt8] {
        guard let (keep, suffix) = try edit(word: word, payload: payload) else { return word }
        return Array(word[..<keep]) + suffix
    }

    /// Appends the term to `arena` (no array of its own: see `TermArena`).
    static func appendTerm(word: [UInt8], payload: ByteReader, to arena: inout TermArena) throws(IndexError) {
        guard let (keep, suffix) = try edit(word: word, payload: payload) else { return arena.append(word) }
        arena.append(word, keeping: keep, then: suffix)
    }

    /// The term as a string, built straight from the word's bytes and the payload (prefix
    /// expansion decodes up to 10,000 of these per query).
    static func termString(word: [UInt8], wordString: String, payload: ByteReader) throws(IndexError) -> String {
        guard let (keep, suffix) = try edit(word: word, payload: payload) else { return wordString }
        return String(unsafeUninitializedCapacity: keep + suffix.count) { out in
            word.withUnsafeBufferPointer { w in
                for i in 0..<keep { out[i] = w[i] }
            }
            for i in 0..<suffix.count { out[keep + i] = suffix[i] }
            return keep + suffix.count
        }
    }
}
