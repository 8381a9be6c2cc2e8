import Foundation

/// Case and diacritic folding of one word. ASCII words take a byte loop; others go through
/// Unicode lower-casing and canonical decomposition with combining marks removed.
enum Folding {
    static func fold(_ word: Substring, foldDiacritics: Bool) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: word.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var s = String(word).lowercased()
        if foldDiacritics {
            s = String(String.UnicodeScalarView(s.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                $0.properties.generalCategory != .nonspacingMark
            }))
        }
        return s.precomposedStringWithCompatibilityMapping
    }
}
