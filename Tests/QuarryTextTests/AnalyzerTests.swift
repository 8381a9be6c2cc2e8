import Testing
@testable import QuarryText

struct TokenizerTests {
    private func surfaces(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Tokenizer.words(of: text).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    @Test func wordsFollowUAX29() {
        #expect(surfaces("Hello, world! It's 3.14 — e-mail: a@c") == ["Hello", "world", "It's", "3.14", "e", "mail", "a", "c"])
        #expect(surfaces("can’t stop l·lí 2.6.32 1,000") == ["can’t", "stop", "l·lí", "2.6.32", "1,000"])
    }

    /// The search tailoring: identifiers and dotted names are several words, in both tokenizer
    /// paths (the second string has a non-ASCII word, which takes the full segmenter).
    @Test func identifiersSplitIntoTheirParts() {
        #expect(surfaces("os.path.join sys_call_table std::move a.b@c.org __init__ U.S.A v1.2")
                == ["os", "path", "join", "sys", "call", "table", "std", "move", "a", "b", "c", "org",
                    "init", "U", "S", "A", "v1.2"])
        #expect(surfaces("größe_neu.straße naïve:café ｆｏｏ．ｂａｒ") == ["größe", "neu", "straße", "naïve", "café", "ｆｏｏ", "ｂａｒ"])
        #expect(Tokenizer.words(of: "größe_neu.x") == Tokenizer.referenceWords(of: "größe_neu.x"))
    }

    @Test func ideographsAreOneWordEach() {
        #expect(surfaces("東京都に住む") == ["東", "京", "都", "に", "住", "む"])
        #expect(surfaces("カタカナ語") == ["カタカナ", "語"])
    }

    @Test func punctuationAndEmojiAreNotWords() {
        #expect(surfaces("👍🏽 -- ... 🇩🇪 !?") == [])
        #expect(surfaces("naïve café") == ["naïve", "café"])
    }

    @Test func blockBoundariesAreReported() {
        let words = Tokenizer.words(of: "one two\nthree\u{2029}four\r\nfive six")
        #expect(words.map(\.afterBlockBoundary) == [false, false, true, true, true, false])
    }
}

struct FoldingTests {
    let analyzer = Analyzer(configuration: AnalyzerConfiguration(stemming: false))

    @Test(arguments: [
        ("Straße", "strasse"), ("STRASSE", "strasse"), ("Günther", "gunther"), ("Łódź", "lodz"),
        ("ΣΊΣΥΦΟΣ", "σισυφοσ"), ("σίσυφος", "σισυφοσ"), ("Ærøskøbing", "aeroskobing"), ("Œuvre", "oeuvre"),
        ("ﬁnance", "finance"), ("Ｆｕｌｌ", "full"), ("İstanbul", "istanbul"), ("ıspanak", "ispanak"),
        ("Þórr", "thorr"), ("Đorđe", "dorde"), ("Ħamrun", "hamrun"), ("don’t", "don't"), ("Ёлка", "елка"),
        ("हिंदी", "हिंदी"), ("한국어", "한국어"), ("ＡＢＣ１２３", "abc123"),
    ])
    func foldsWords(input: String, expected: String) {
        #expect(analyzer.fold(input) == expected)
    }

    @Test func diacriticsCanBeKept() {
        let keeping = Analyzer(configuration: AnalyzerConfiguration(stemming: false, foldDiacritics: false))
        #expect(keeping.fold("Günther") == "günther")
        #expect(keeping.fold("Straße") == "strasse")
        // "über" is a stopword even when its diacritics are kept in the indexed word.
        let tokens = keeping.analyze("Über die Brücke", language: Language(tag: "de"))
        #expect(tokens.map(\.word) == ["über", "die", "brücke"])
        #expect(tokens.map(\.isStopword) == [true, true, false])
    }
}

struct AnalyzerTests {
    @Test func positionsOffsetsAndBlockGaps() {
        let analyzer = Analyzer(configuration: AnalyzerConfiguration(blockGap: 100))
        let text = "The cats\n\nrunning fast"
        let tokens = analyzer.analyze(text, startPosition: 5)
        #expect(tokens.map(\.position) == [5, 6, 107, 108])
        #expect(tokens.map(\.term) == ["the", "cat", "run", "fast"])
        #expect(tokens.map(\.word) == ["the", "cats", "running", "fast"])
        #expect(tokens.map(\.isStopword) == [true, false, false, false])
        let bytes = Array(text.utf8)
        #expect(tokens.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) } == ["The", "cats", "running", "fast"])
    }

    /// `analyze` finds each word through the language's table of surface forms, as indexing
    /// does; every token must still be its surface folded, then stemmed in that language, the
    /// first time a surface is seen and every time after, and each language keeps its own table.
    @Test func tokensEqualFoldThenStemForSeenAndUnseenSurfaces() throws {
        let analyzer = Analyzer()
        let de = try #require(Language(tag: "de"))
        let text = "Die Häuser und GÜNTHER, Günther günther; Running runs RUNNING ﬁnance Straße die"
        let bytes = Array(text.utf8)
        for language in [Language.english, de, Language.english, de] {
            let tokens = analyzer.analyze(text, language: language)
            #expect(tokens.count == 12)
            for t in tokens {
                let surface = String(decoding: bytes[t.start..<t.end], as: UTF8.self)
                let word = analyzer.fold(surface)
                #expect(t.word == word, "\(surface)")
                #expect(t.term == analyzer.stem(word, language: language), "\(surface) in \(language)")
                #expect(t.isStopword == Stopwords.isStopword(word, language: language), "\(surface) in \(language)")
            }
        }
        #expect(analyzer.analyze("die", language: de).first?.isStopword == true)
        #expect(analyzer.analyze("die", language: .english).first?.isStopword == false)
    }

    @Test func offsetsAreUTF8Bytes() {
        let tokens = Analyzer().analyze("Ça va, Günther?")
        #expect(tokens.map(\.start) == [0, 4, 8])
        #expect(tokens.map(\.end) == [3, 6, 16])
    }

    @Test func stemmingFollowsTheLanguage() throws {
        let analyzer = Analyzer()
        let de = try #require(Language(tag: "de-AT"))
        #expect(analyzer.analyze("Häuser", language: de).map(\.term) == [analyzer.stem("hauser", language: de)])
        #expect(analyzer.stem("connections", language: .english) == "connect")
        #expect(analyzer.stem("maisons", language: try #require(Language(tag: "fr"))) == "maison")
        #expect(analyzer.stem("gatos", language: try #require(Language(tag: "es"))) == "gat")
        // No Snowball algorithm: words pass through unchanged.
        #expect(analyzer.stem("domami", language: try #require(Language(tag: "pl"))) == "domami")
        #expect(analyzer.stem("hundene", language: try #require(Language(tag: "nb"))) == "hund")
    }

    @Test func stemmingCanBeTurnedOff() {
        let tokens = Analyzer(configuration: AnalyzerConfiguration(stemming: false)).analyze("Running dogs")
        #expect(tokens.map(\.term) == ["running", "dogs"])
    }

    @Test func emptyAndWordlessText() {
        #expect(Analyzer().analyze("").isEmpty)
        #expect(Analyzer().analyze(" \n -- \n ").isEmpty)
    }

    @Test func libstemmerOffersTheCoreLanguages() {
        let names = Set(Stemmer.availableAlgorithms)
        for name in ["english", "german", "french", "spanish", "dutch", "italian", "portuguese", "swedish"] {
            #expect(names.contains(name))
        }
    }
}

struct StopwordTests {
    @Test(arguments: [("en", "the"), ("de", "und"), ("de", "für"), ("fr", "les"), ("es", "porque"),
                      ("pl", "się"), ("nl", "niet"), ("it", "della"), ("pt", "não")])
    func knownStopwords(code: String, word: String) throws {
        #expect(Stopwords.isStopword(word, language: try #require(Language(tag: code))))
    }

    @Test func contentWordsAreNotStopwords() throws {
        #expect(!Stopwords.isStopword("parents", language: .english))
        #expect(!Stopwords.isStopword("the", language: try #require(Language(tag: "ja"))))
        #expect(Stopwords.languages.count == 8)
    }

    @Test func stopwordsAreKeptAsTokens() {
        let tokens = Analyzer().analyze("parents and families")
        #expect(tokens.count == 3)
        #expect(tokens.map(\.isStopword) == [false, true, false])
    }
}
