/// The analysis chain shared by indexing and querying: tokenize → fold → mark stopwords → stem.
///
/// Not thread-safe (it owns libstemmer instances and caches); create one per thread. Per
/// language it caches each distinct folded word's term and stopword flag, and it caches the
/// folding of non-ASCII words, so a corpus costs one Snowball call and one normalization per
/// distinct word, not per token. The caches grow with the vocabulary (typically a few MB).
public final class Analyzer {
    public let configuration: AnalyzerConfiguration
    private var states: [Language: LanguageState] = [:]
    private var foldCache: [String: String] = [:]
    /// Interned (language, word) entries: ids are dense, so callers can keep per-entry data in
    /// arrays instead of hashing strings again (the indexer's per-document term table).
    @exclusivity(unchecked) public private(set) var entryTerms: [String] = []
    @exclusivity(unchecked) public private(set) var entryWords: [String] = []
    @exclusivity(unchecked) public private(set) var entryIsStopword: [Bool] = []
    /// Each entry's term as a dense analyzer-local term id (words sharing a stem share it), and
    /// the terms themselves: lets the indexer dedupe and map terms with arrays, not hashing.
    @exclusivity(unchecked) public private(set) var entryTermIDs: [Int32] = []
    @exclusivity(unchecked) public private(set) var termStrings: [String] = []
    @exclusivity(unchecked) private var termIDOf: [String: Int32] = [:]
    /// Per term id: whether the term is common, so that its pairs with its neighbours are
    /// indexed too (`CommonGrams`; all false when the configuration has no pairs).
    @exclusivity(unchecked) public private(set) var termIsCommon: [Bool] = []
    /// Pair terms by their two term ids (first << 32 | second), in the same id space.
    @exclusivity(unchecked) private var pairIDOf: [UInt64: Int32] = [:]
    /// The terms of every stopword list, each word analyzed in its own language (`CommonGrams`).
    private lazy var commonTerms: Set<String> = {
        var terms = Set<String>()
        guard configuration.commonGrams else { return terms }
        for (code, words) in Stopwords.lists {
            guard let language = Language(tag: code) else { continue }
            let stemmer = state(for: language).stemmer
            for w in words { terms.insert(stemmer?.stem(w) ?? w) }
        }
        return terms
    }()

    /// Everything per language: the stemmer and the word → entry id cache.
    private final class LanguageState {
        let language: Language
        let stemmer: Stemmer?
        @exclusivity(unchecked) var ids: [String: Int32] = [:]
        /// Surface bytes of each word met in analyzed text → (entry id, term id): the indexing
        /// path's one lookup per token, with no String and no folding for known words.
        let surfaceIDs = SurfaceWordTable()
        init(language: Language, stemming: Bool) {
            self.language = language
            self.stemmer = stemming ? Stemmer(language: language) : nil
        }
    }

    @inline(__always)
    private func entryID(_ word: String, _ state: LanguageState) -> Int32 {
        if let known = state.ids[word] { return known }
        let id = Int32(entryTerms.count)
        let term = state.stemmer?.stem(word) ?? word
        entryTerms.append(term)
        if let t = termIDOf[term] {
            entryTermIDs.append(t)
        } else {
            let t = Int32(termStrings.count)
            termIDOf[term] = t
            termStrings.append(term)
            termIsCommon.append(commonTerms.contains(term))
            entryTermIDs.append(t)
        }
        entryWords.append(word)
        entryIsStopword.append(Stopwords.isStopword(word, language: state.language))
        state.ids[word] = id
        return id
    }

    public init(configuration: AnalyzerConfiguration = .default) {
        self.configuration = configuration
    }

    /// Whether `term` is common (a stopword's term in some language), so that exact phrases
    /// through it are matched on word pairs (`CommonGrams`). Always false without pairs.
    public func isCommonTerm(_ term: String) -> Bool { commonTerms.contains(term) }

    /// Most pair terms interned (`pairTermID`); each costs about 60 bytes here and in the
    /// inverter's tables, and a corpus has several times more distinct pairs than words, so the
    /// table is bounded (about 16 MB at the default). Pairs met first are the frequent ones.
    public var maxInternedPairs = 1 << 18

    /// The term id of the pair term of term ids `first` and `second` (`CommonGrams.term`),
    /// interned in the same id space as the words' terms; nil once `maxInternedPairs` pairs are
    /// interned and this one is not (the caller then handles it by its string). Cost: one hash
    /// lookup of two integers.
    public func pairTermID(_ first: Int32, _ second: Int32) -> Int32? {
        let key = UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
        if let known = pairIDOf[key] { return known }
        guard pairIDOf.count < maxInternedPairs else { return nil }
        let t = Int32(termStrings.count)
        termStrings.append(pairTerm(first, second))
        termIsCommon.append(false)
        pairIDOf[key] = t
        return t
    }

    /// The pair term of term ids `first` and `second` as a string.
    public func pairTerm(_ first: Int32, _ second: Int32) -> String {
        CommonGrams.term(termStrings[Int(first)], termStrings[Int(second)])
    }

    /// Analyzes `text`; the first word gets `startPosition`. Offsets are UTF-8 byte offsets into `text`.
    ///
    /// A line feed or U+2029 between two words adds `blockGap` to the position step.
    /// Cost: O(n) in the text's bytes plus one lookup per word in the language's
    /// `SurfaceWordTable`, as when indexing (more for unseen words). Snippets re-analyze each
    /// shown hit's body: folding every word into a String and hashing it cost three times as much.
    public func analyze(_ text: String, language: Language? = nil, startPosition: UInt32 = 0) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 7)
        forEachEntryAndTerm(text, language: language, startPosition: startPosition) { entry, _, position, start, end in
            let id = Int(entry)
            tokens.append(Token(term: entryTerms[id], word: entryWords[id], position: position,
                                start: start, end: end, isStopword: entryIsStopword[id]))
        }
        return tokens
    }

    /// The streaming form of `analyze` for indexing: calls `body` with each word's interned
    /// entry id (see `entryTerms`, `entryWords`, `entryIsStopword`) and position, building no
    /// `Token` values. Cost: one hash lookup per word.
    public func forEachEntry(_ text: String, language: Language? = nil, startPosition: UInt32 = 0,
                             _ body: (_ entry: Int32, _ position: UInt32) -> Void) {
        forEachEntryAndTerm(text, language: language, startPosition: startPosition) { entry, _, position, _, _ in
            body(entry, position)
        }
    }

    /// `forEachEntry` that also passes each word's term id (`entryTermIDs[entry]`), saving the
    /// caller that array lookup per token, and its UTF-8 byte range in `text` (`start ..< end`).
    ///
    /// Cost per known word: one hash over its bytes and one byte compare in the language's
    /// `SurfaceWordTable` — no String, no lower-casing, no folding. An unseen surface form takes
    /// the full path once (fold, then the folded word's entry, stemming it if it is new).
    @inline(__always)
    public func forEachEntryAndTerm(_ text: String, language: Language? = nil, startPosition: UInt32 = 0,
                                    _ body: (_ entry: Int32, _ term: Int32, _ position: UInt32, _ start: Int, _ end: Int) -> Void) {
        let state = self.state(for: language ?? configuration.defaultLanguage)
        let table = state.surfaceIDs
        let gapStep = 1 &+ configuration.blockGap
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var position = startPosition
            var first = true
            Tokenizer.forEachWord(bytes) { w in
                if !first { position &+= w.afterBlockBoundary ? gapStep : 1 }
                first = false
                let p = base + w.start
                let n = w.end &- w.start
                let key = SurfaceWordTable.key(p, n)
                if let known = table.find(p, n, key) {
                    body(known.entry, known.term, position, w.start, w.end)
                    return
                }
                let word = Folding.foldASCII(bytes, w.start, w.end) ?? foldCached(bytes, w.start, w.end)
                let id = entryID(word, state)
                let term = entryTermIDs[Int(id)]
                table.insert(p, n, key, entry: id, term: term)
                body(id, term, position, w.start, w.end)
            }
        }
    }

    /// The indexed form of one folded word in `language` (stemmed when stemming is on and
    /// libstemmer knows the language; otherwise the word itself).
    public func stem(_ word: String, language: Language) -> String {
        entryTerms[Int(entryID(word, state(for: language)))]
    }

    /// The folded form of arbitrary text taken as one word (NFKC, case and diacritic folding as
    /// configured), e.g. for prefix queries. Cached like the words of analyzed text.
    public func fold(_ word: String) -> String {
        var word = word
        return word.withUTF8 { Folding.foldASCII($0, 0, $0.count) ?? foldCached($0, 0, $0.count) }
    }

    private func foldCached(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        if let known = foldCache[surface] { return known }
        let folded = Folding.fold(surface, foldDiacritics: configuration.foldDiacritics)
        foldCache[surface] = folded
        return folded
    }

    private func state(for language: Language) -> LanguageState {
        if let known = states[language] { return known }
        let created = LanguageState(language: language, stemming: configuration.stemming)
        states[language] = created
        return created
    }
}
