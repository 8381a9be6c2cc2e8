import QuarryIndex
import QuarryText

/// The index's unstemmed words close to a word: what fuzzy query words (`kernal~1`) expand to
/// and what spelling suggestions choose from.
///
/// Only words sharing the first letter are compared (Elasticsearch's prefix_length 1): a typo
/// rarely hits the first letter, and one letter's words are a small slice of the word list
/// where every word would be a scan of all of them.
enum FuzzyWords {
    struct Match {
        var word: String
        var term: String
        var distance: Int
    }

    /// The words within `maxEdits` of `word` (`EditDistance`) over every segment, each once.
    static func matches(of word: String, maxEdits: Int, in reader: IndexReader) throws(IndexError) -> [Match] {
        let target = word.unicodeScalars.map(\.value)
        guard let first = word.unicodeScalars.first else { return [] }
        var found: [String: Match] = [:]
        for s in reader.segments {
            let near = try s.terms(ofWordsWithPrefix: Array(String(first).utf8)) { key -> (word: String, distance: Int)? in
                // Length first, without decoding: a word has at most as many letters as bytes,
                // and an ASCII word exactly as many.
                if key.count + maxEdits < target.count { return nil }
                if key.count > target.count + maxEdits && !key.contains(where: { $0 >= 0x80 }) { return nil }
                let word = String(decoding: key, as: UTF8.self)
                return EditDistance.distance(target, word.unicodeScalars.map(\.value), limit: maxEdits).map { (word, $0) }
            }
            for (tag, term) in near {
                found[tag.word] = Match(word: tag.word, term: String(decoding: term, as: UTF8.self), distance: tag.distance)
            }
        }
        return Array(found.values)
    }
}
