/// The analysis chain shared by indexing and querying: tokenize → fold → mark stopwords → stem.
///
/// Not thread-safe (it owns libstemmer instances and caches); create one per thread. Stems are
/// cached per language, so a corpus costs one Snowball call per distinct word, not per token.
public final class Analyzer {
    public let configuration: AnalyzerConfiguration
    private var stemmers: [Language: Stemmer?] = [:]
    private var stemCache: [Language: [String: String]] = [:]

    public init(configuration: AnalyzerConfiguration = .default) {
        self.configuration = configuration
    }

    /// Analyzes `text`; the first word gets `startPosition`. Offsets are UTF-8 byte offsets into `text`.
    public func analyze(_ text: String, language: Language? = nil, startPosition: UInt32 = 0) -> [Token] {
        var tokens: [Token] = []
        let language = language ?? configuration.defaultLanguage
        var position = startPosition
        var first = true
        Tokenizer.pieces(of: text) { piece in
            if !first { position += piece.afterBlockBoundary ? 1 + configuration.blockGap : 1 }
            first = false
            let word = Folding.fold(text[piece.range], foldDiacritics: configuration.foldDiacritics)
            tokens.append(Token(term: stem(word, language: language), word: word, position: position,
                                start: piece.start, end: piece.end,
                                isStopword: Stopwords.isStopword(word, language: language)))
        }
        return tokens
    }

    /// The indexed form of one folded word in `language`.
    public func stem(_ word: String, language: Language) -> String {
        guard configuration.stemming else { return word }
        if let cached = stemCache[language]?[word] { return cached }
        let stemmer: Stemmer?
        if let known = stemmers[language] { stemmer = known } else {
            stemmer = Stemmer(language: language)
            stemmers[language] = stemmer
        }
        let result = stemmer?.stem(word) ?? word
        stemCache[language, default: [:]][word] = result
        return result
    }
}
