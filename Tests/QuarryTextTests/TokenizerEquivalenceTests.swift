import Testing
@testable import QuarryText

/// The tokenizer's ASCII fast path must find exactly the words of full UAX #29 segmentation:
/// same byte ranges, same block-boundary flags. Each test runs both `Tokenizer.forEachWord` and
/// `Tokenizer.forEachWordReference` and compares.
struct TokenizerEquivalenceTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The texts on which the two paths disagree (empty when they agree).
    static func mismatches<S: Sequence<String>>(_ texts: S) -> [String] {
        var result: [String] = []
        for text in texts where Tokenizer.words(of: text) != Tokenizer.referenceWords(of: text) {
            result.append(text)
        }
        return result
    }

    static func randomText(_ pieces: [String], length: ClosedRange<Int>, using rng: inout Generator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: length, using: &rng) {
            text += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
        }
        return text
    }

    @Test func fastPathModelsEveryASCIIByte() {
        #expect(ASCIIWordScanner.shared.coversASCII)
    }

    @Test func handPickedCases() {
        let texts = [
            "", " ", "a", "\n", "\r\n", "a.b", "a..b", "1.2", "1,2", "1:2", "a:b", "a,b", "a'b", "1'2",
            "a.1", "1.a", "_", "__", "_a", "a_", "a_.b", "a._b", "a_1", "1_a", "\"a\"", "a\"b",
            "e.g. U.S.A. 3.14, 1,000; x:y it's 'quoted' a--b", "one\ntwo\r\nthree\u{2029}four\u{85}five",
            "café naïve's Straße 日本語 ｶﾀｶﾅ 👍🏽 🇩🇪🇫🇷", "a \u{301}b", " \u{301}", "a\u{301}.b", "a.\u{301}b",
            "x\u{3000} y", "x \u{3000}y", "1.\u{200D}2", "word\u{00A0}word", "tab\tbed", "end.", ".start",
        ]
        let failing = Self.mismatches(texts)
        #expect(failing.isEmpty, "mismatches: \(failing.prefix(10).map { $0.debugDescription })")
    }

    /// Every test line of WordBreakTest.txt, alone and embedded in ASCII context on both sides,
    /// so the cut between the fast and the full path lands at every kind of neighbour.
    @Test func wordBreakTestLines() throws {
        let cases = try WordBreakConformanceTests.cases()
        #expect(cases.count > 1800)
        let contexts = ["", " ", "a", "1", "a ", " a", "a.", ".a", "1,", "\n", "x'", "_"]
        var texts: [String] = []
        for c in cases {
            let line = String(String.UnicodeScalarView(c.scalars.compactMap(Unicode.Scalar.init)))
            for before in contexts { for after in contexts { texts.append(before + line + after) } }
        }
        let failing = Self.mismatches(texts)
        #expect(failing.isEmpty, "\(failing.count) mismatches, e.g. \(failing.prefix(10).map { $0.debugDescription })")
    }

    @Test func randomASCII() {
        var rng = Generator(state: 29)
        let alphabet = ["a", "b", "Z", "e", "1", "2", "0", ".", ".", ",", ",", "'", "'", ":", ";", "_",
                        " ", " ", "\n", "\r", "\u{0B}", "\u{0C}", "-", "\"", "\t", "!"]
        let texts = (0..<20_000).map { _ in Self.randomText(alphabet, length: 0...40, using: &rng) }
        let failing = Self.mismatches(texts)
        #expect(failing.isEmpty, "\(failing.count) mismatches, e.g. \(failing.prefix(10).map { $0.debugDescription })")
    }

    @Test func randomMixedScripts() {
        var rng = Generator(state: 2029)
        let pieces = ["word", "The", "it's", "3.14", "1,000", "a.b", "e.g.", "_x", " ", " ", "  ", "\n",
                      "\r\n", ".", ",", "'", ":", "-", "\"", "a", "7",
                      "é", "café", "ß", "Straße", "日本", "カタカナ", "👍", "👍🏽", "🇩🇪", "\u{301}", "\u{200D}",
                      "👨\u{200D}👩", "\u{2019}", "\u{2029}", "\u{3000}", "\u{85}", "\u{A0}", "\u{AD}",
                      "\u{5D0}", "\u{5D0}\"\u{5D1}", "٣", "\u{E0020}", "\u{FEFF}"]
        let texts = (0..<20_000).map { _ in Self.randomText(pieces, length: 1...30, using: &rng) }
        let failing = Self.mismatches(texts)
        #expect(failing.isEmpty, "\(failing.count) mismatches, e.g. \(failing.prefix(10).map { $0.debugDescription })")
    }
}
