/// The analysis chain's settings. It is recorded in every index so that queries are always
/// analyzed exactly as the documents were; changing any field means rebuilding the index.
public struct AnalyzerConfiguration: Codable, Sendable, Hashable {
    /// Bumped whenever tokenization, folding or stemming output changes for the same input.
    /// Version 2: UAX #29 words, NFKC + full case folding, per-language stemmers and stopwords.
    /// Version 3: the search tailoring of UAX #29 (`WordBreakTable.search`: `os.path.join` and
    /// `sys_call_table` are three words each).
    public var version: Int
    public var stemming: Bool
    public var foldDiacritics: Bool
    /// Positions skipped at a block boundary (paragraph, list item, cell, `<br>`): larger than any
    /// proximity window, so neither phrases nor `~N` queries match across blocks.
    public var blockGap: UInt32
    /// Language used when a document or query declares none.
    public var defaultLanguage: Language

    public init(version: Int = 3, stemming: Bool = true, foldDiacritics: Bool = true,
                blockGap: UInt32 = 100, defaultLanguage: Language = .english) {
        self.version = version
        self.stemming = stemming
        self.foldDiacritics = foldDiacritics
        self.blockGap = blockGap
        self.defaultLanguage = defaultLanguage
    }

    public static let `default` = AnalyzerConfiguration()
}
