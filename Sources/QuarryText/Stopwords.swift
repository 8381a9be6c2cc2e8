/// Per-language stopword lists. Stopwords stay in the index with their positions (so
/// `"parents and families"` matches exactly); ranking of bag-of-words queries may skip them.
public enum Stopwords {
    public static func isStopword(_ word: String, language: Language) -> Bool {
        lists[language.code]?.contains(word) ?? false
    }

    static let lists: [String: Set<String>] = [
        "en": Set("""
            a an and are as at be but by for if in into is it no not of on or such that the their then there these \
            they this to was will with
            """.split(separator: " ").map(String.init)),
    ]
}
