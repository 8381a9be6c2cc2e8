@testable import QuarryIngest

/// Builds bytes in a legacy encoding from a string of ASCII and a few listed characters, so test
/// fixtures are really encoded the way crawled pages are (not UTF-8 in disguise).
enum LegacyBytes {
    static let windows1252: [Character: UInt8] = ["é": 0xE9, "“": 0x93, "”": 0x94, "’": 0x92, "€": 0x80, "ü": 0xFC,
                                                   "—": 0x97, "ç": 0xE7, "à": 0xE0]

    static func encode(_ text: String, table: [Character: UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for character in text {
            if let byte = table[character] {
                out.append(byte)
            } else {
                out.append(contentsOf: Array(String(character).utf8))
            }
        }
        return out
    }
}

func extract(_ html: String, key: String = "doc.html") throws -> IngestedDocument {
    try DocumentExtractor.extract(bytes: Array(html.utf8), key: key)
}
