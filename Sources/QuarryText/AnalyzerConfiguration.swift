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
    /// Whether adjacent words of which one is common are also indexed as pair terms
    /// (`CommonGrams`), which exact phrases use (`quarry index --phrase-pairs`). Off by default;
    /// indexes written before pairs existed decode as off.
    public var commonGrams: Bool

    public init(version: Int = 3, stemming: Bool = true, foldDiacritics: Bool = true,
                blockGap: UInt32 = 100, defaultLanguage: Language = .english, commonGrams: Bool = false) {
        self.version = version
        self.stemming = stemming
        self.foldDiacritics = foldDiacritics
        self.blockGap = blockGap
        self.defaultLanguage = defaultLanguage
        self.commonGrams = commonGrams
    }

    private enum CodingKeys: String, CodingKey {
        case version, stemming, foldDiacritics, blockGap, defaultLanguage, commonGrams
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        stemming = try c.decode(Bool.self, forKey: .stemming)
        foldDiacritics = try c.decode(Bool.self, forKey: .foldDiacritics)
        blockGap = try c.decode(UInt32.self, forKey: .blockGap)
        defaultLanguage = try c.decode(Language.self, forKey: .defaultLanguage)
        commonGrams = try c.decodeIfPresent(Bool.self, forKey: .commonGrams) ?? false
    }

    public static let `default` = AnalyzerConfiguration()
}
