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
            var distances: [[UInt8]: Int] = [:]
            let pairs = try s.terms(ofWordsWithPrefix: Array(String(first).utf8)) { key in
                // Length first, without decoding: a word has at most as many letters as bytes,
                // and an ASCII word exactly as many.
                if key.count + maxEdits < target.count { return false }
                if key.count > target.count + maxEdits && !key.contains(where: { $0 >= 0x80 }) { return false }
                let d = EditDistance.distance(target, String(decoding: key, as: UTF8.self).unicodeScalars.map(\.value), limit: maxEdits)
                if let d { distances[key] = d }
                return d != nil
            }
            for (w, t) in pairs {
                let word = String(decoding: w, as: UTF8.self)
                found[word] = Match(word: word, term: String(decoding: t, as: UTF8.self), distance: distances[w] ?? maxEdits)
            }
        }
        return Array(found.values)
    }
}
