/// One analyzed word of a text.
///
/// `start`/`end` are UTF-8 byte offsets into the text that was analyzed, so a snippet can
/// highlight the original characters; `position` counts words, with a gap at block boundaries
/// so that phrases never match across paragraphs.
public struct Token: Sendable, Hashable {
    /// The indexed form: normalized, case- and diacritic-folded, then stemmed.
    public var term: String
    /// The folded form before stemming; prefix queries expand over these.
    public var word: String
    public var position: UInt32
    public var start: Int
    public var end: Int
    /// Stopwords are indexed (phrases need them) but bag-of-words ranking may skip them.
    public var isStopword: Bool

    public init(term: String, word: String, position: UInt32, start: Int, end: Int, isStopword: Bool) {
        self.term = term
        self.word = word
        self.position = position
        self.start = start
        self.end = end
        self.isStopword = isStopword
    }
}
