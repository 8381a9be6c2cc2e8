import Testing
import Quarry
import QuarryTestSupport

@Suite struct QueryTests {
    func index(_ tmp: TemporaryDirectory) throws -> IndexReader {
        try buildIndex([
            DocumentFields(key: "adjacent.html", title: "Campaign", body: "we support parents and families online"),
            DocumentFields(key: "reversed.html", title: "FAQ", body: "for families and parents alike"),
            DocumentFields(key: "split.html", title: "Blog", body: "we listened to parents\nand families told us"),
            DocumentFields(key: "ads.html", title: "Ads", body: "parents and advertising rules"),
            DocumentFields(key: "near.html", title: "Near", body: "parents of young children and their families"),
        ], at: tmp.path)
    }

    @Test func phraseNeedsAdjacencyOrderAndOneBlock() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = Searcher(reader: try index(tmp))
        #expect(keys(try s.search("\"parents and families\"")) == ["adjacent.html"])
        #expect(keys(try s.search("\"families and parents\"")) == ["reversed.html"])
        // The bag of words matches every document with either word.
        #expect(Set(keys(try s.search("parents families"))) == ["adjacent.html", "reversed.html", "split.html", "ads.html", "near.html"])
        // Stopwords inside phrases count: "parents families" is not a phrase of these texts.
        #expect(keys(try s.search("\"parents families\"")).isEmpty)
    }

    /// A three-word phrase whose words meet across a block boundary (navigation links) is
    /// rejected — also when the check runs after two of its words — while the same document
    /// may still match it whole in another block.
    @Test func longerPhraseNeverSpansBlocks() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let reader = try buildIndex([
            DocumentFields(key: "nav.html", title: "Nav", body: "development process\nsubmitting patches\nprocess\nsubmitting patches"),
            DocumentFields(key: "both.html", title: "Both", body: "development process\nsubmitting patches\nhow the process submitting patches works"),
            DocumentFields(key: "end.html", title: "End", body: "process submitting\npatches"),
        ], at: tmp.path)
        let s = Searcher(reader: reader)
        #expect(keys(try s.search("\"process submitting patches\"")) == ["both.html"])
        #expect(keys(try s.search("\"development process submitting\"")).isEmpty)
        #expect(Set(keys(try s.search("\"process submitting\""))) == ["both.html", "end.html"])
    }

    @Test func proximityMatchesWithinTheWindowInAnyOrder() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = Searcher(reader: try index(tmp))
        #expect(Set(keys(try s.search("\"parents families\"~1"))) == ["adjacent.html", "reversed.html"])
        #expect(Set(keys(try s.search("\"parents families\"~5"))) == ["adjacent.html", "reversed.html", "near.html"])
        // Never across blocks, however large the window.
        #expect(!keys(try s.search("\"parents families\"~50")).contains("split.html"))
    }

    @Test func requiredExcludedAndBooleanOperators() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = Searcher(reader: try index(tmp))
        #expect(Set(keys(try s.search("+parents -families"))) == ["ads.html"])
        #expect(Set(keys(try s.search("parents -advertising"))) == ["adjacent.html", "reversed.html", "split.html", "near.html"])
        #expect(Set(keys(try s.search("parents AND advertising"))) == ["ads.html"])
        #expect(Set(keys(try s.search("advertising OR children"))) == ["ads.html", "near.html"])
        #expect(Set(keys(try s.search("parents AND (advertising OR children) NOT young"))) == ["ads.html"])
        #expect(Set(keys(try s.search("famil*"))) == ["adjacent.html", "reversed.html", "split.html", "near.html"])
        #expect(keys(try s.search("title:faq")) == ["reversed.html"])
        #expect(keys(try s.search("path:ads")) == ["ads.html"])
    }

    @Test(arguments: [
        ("\"unclosed", 1, "unclosed quote"),
        ("parents AND", 12, "expected a term"),
        ("(parents", 1, "unclosed '('"),
        ("parents)", 8, "unmatched ')'"),
        ("title:", 7, "'title:' needs a term after it"),
        ("a ~x", 3, "'~' needs a whole number"),
        ("~2 a", 1, "'~' follows a word or a quoted phrase"),
        ("kernel~3", 7, "a word matches within at most 2 edits"),
        ("\"a b\"~ c", 6, "'~' needs a whole number"),
        ("^2 a", 1, "'^' follows a term"),
        // Columns count characters as the user sees them, not scalars: ü written as u + U+0308,
        // and a family emoji of five scalars, are one column each.
        ("Gu\u{308}nther \"x", 9, "unclosed quote"),
        ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} (x", 3, "unclosed '('"),
        ("Gu\u{308}nther AND", 12, "expected a term"),
        ("\u{201C}caf\u{E9}\u{201D} a)", 9, "unmatched ')'"),
    ])
    func parseErrorsPointAtTheColumn(query: String, column: Int, message: String) {
        #expect {
            _ = try QueryParser().parse(query)
        } throws: { error in
            guard let e = error as? QueryError else { return false }
            return e.column == column && e.message.hasPrefix(message)
        }
    }

    @Test(arguments: [
        ("a b", "(a b)"), ("+a -b c", "(+a c -b)"), ("a AND b", "(+a +b)"), ("a OR b AND c", "(a (+b +c))"),
        ("title:\"x y\"~2^3", "title:\"x y\"~2^3.0"), ("e-mail", "e-mail"), ("protect*", "protect*"),
        // A colon makes a field only right after a field name; elsewhere it is text.
        ("std::vector", "std::vector"), ("https://example.org/a", "https://example.org/a"),
        ("Note: parents", "(Note: parents)"), ("foo:bar", "foo:bar"), ("TITLE:faq", "title:faq"),
        ("title: faq", "title:faq"), ("title::faq", "title::faq"),
        // Fuzzy words: `~` alone allows two edits, `~0` none.
        ("kernal~1", "kernal~1"), ("kernal~", "kernal~2"), ("kernal~0", "kernal"),
        ("title:kernal~1^2", "title:kernal~1^2.0"), ("(kernal~) x", "(kernal~2 x)"),
    ])
    func parserBuildsTheExpectedTree(query: String, tree: String) throws {
        #expect(try QueryParser().parse(query).description == tree)
    }

    /// A colon makes a field only after a field name: pasted identifiers, addresses and labels
    /// are text, searched for their words (a word of several tokens is a phrase).
    @Test func colonsOutsideFieldNamesAreText() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = Searcher(reader: try buildIndex([
            DocumentFields(key: "cpp.html", title: "Containers", body: "use std::vector for arrays; see https://example.org/docs"),
            DocumentFields(key: "other.html", title: "Other", body: "a vector of std headers"),
        ], at: tmp.path))
        #expect(keys(try s.search("std::vector")) == ["cpp.html"])
        #expect(keys(try s.search("https://example.org/docs")) == ["cpp.html"])
        #expect(Set(keys(try s.search("Note: vector"))) == ["cpp.html", "other.html"])
        #expect(keys(try s.search("title:containers")) == ["cpp.html"])
    }

    /// Queries get the documents' mojibake repair: text copied from a page that shows the
    /// broken form finds the repaired word, and correct text is left alone.
    @Test func mojibakeInTheQueryIsRepairedLikeTheDocuments() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = Searcher(reader: try buildIndex([
            DocumentFields(key: "speech.html", title: "Opening", body: "Commissioner Günther Oettinger opened the meeting"),
            DocumentFields(key: "other.html", title: "Other", body: "Gunter and Gnther are different names"),
        ], at: tmp.path))
        for broken in ["G√ľnther", "GÃ¼nther", "\"G√ľnther Oettinger\""] {
            let r = try s.search(broken)
            #expect(keys(r) == ["speech.html"], "\(broken)")
            #expect(r.query.contains("Günther"), "\(broken)")
        }
        #expect(try s.search("Günther").query == "Günther")
        #expect(try s.search("naïve café").query == "naïve café")
    }

    /// `word~N` matches the unstemmed words within N edits (a swap of neighbours is one) that
    /// share its first letter, as Lucene users expect; at most the 50 closest.
    @Test func fuzzyWordsMatchWithinTheirEdits() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = Searcher(reader: try buildIndex([
            DocumentFields(key: "kernel.html", title: "Kernel", body: "the kernel loads modules"),
            DocumentFields(key: "kernels.html", title: "Many", body: "several kernels side by side"),
            DocumentFields(key: "colonel.html", title: "Army", body: "a colonel and a general"),
        ], at: tmp.path))
        #expect(keys(try s.search("kernal")) == [])
        #expect(Set(keys(try s.search("kernal~1"))) == ["kernel.html", "kernels.html"])
        #expect(Set(keys(try s.search("kenrel~1"))) == ["kernel.html", "kernels.html"])
        #expect(Set(keys(try s.search("krenle~"))) == ["kernel.html", "kernels.html"])
        #expect(keys(try s.search("krenle~1")) == [])
        #expect(keys(try s.search("xernel~1")) == [])  // the first letter must match
        #expect(keys(try s.search("title:kernal~1")) == ["kernel.html"])
        #expect(keys(try s.search("modules -kernal~1")) == [])
        #expect(throws: SearchError.self) { try s.search("std::vectr~1") }
        #expect(throws: SearchError.self) { try s.search("lang:en~1") }
    }

    @Test func aFuzzyWordBecomesAtMostTheFiftyClosestWords() throws {
        // 60 three-letter words of consonants after an "a" (left alone by the stemmer): each is
        // exactly two edits from "aaa", so the cap keeps 50 of them. "aza" is one edit away and
        // sorts after them all: it is kept only if the closest words win.
        let consonants = Array("bcdfghjklmnpqrtvwxz")
        var words: [String] = []
        for c1 in consonants { for c2 in consonants where words.count < 60 { words.append("a\(c1)\(c2)") } }
        let docs = words.enumerated().map { DocumentFields(key: "d\($0.offset).html", title: "", body: $0.element) }
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = Searcher(reader: try buildIndex(docs, at: tmp.path))
        var options = SearchOptions()
        options.limit = 100
        #expect(try s.search("aaa~2", options: options).hits.count == 50)
        #expect(try s.search("aaa~1", options: options).hits.isEmpty)
        let tmp2 = TemporaryDirectory()
        defer { tmp2.cleanup() }
        let s2 = Searcher(reader: try buildIndex(docs + [DocumentFields(key: "near.html", title: "", body: "aza")], at: tmp2.path))
        let r = try s2.search("aaa~2", options: options)
        #expect(r.hits.count == 50)
        #expect(r.hits.contains { $0.key == "near.html" })
        #expect(keys(try s2.search("aaa~1", options: options)) == ["near.html"])
    }

    @Test func onlyNegativeQueryIsAnError() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = Searcher(reader: try index(tmp))
        #expect(throws: SearchError.self) { try s.search("-parents") }
    }
}

@Suite struct FeedbackTests {
    @Test func rm3ExpandsWithTermsOfTheTopDocuments() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let reader = try buildIndex([
            DocumentFields(key: "a.html", title: "Grooming", body: "grooming by predators in chat rooms predators chat"),
            DocumentFields(key: "b.html", title: "Chat", body: "predators use chat rooms to contact children"),
            DocumentFields(key: "c.html", title: "Games", body: "age ratings for games"),
        ], at: tmp.path)
        let s = Searcher(reader: reader)
        #expect(keys(try s.search("grooming")) == ["a.html"])
        let rm3 = try #require(RM3(parameters: "1,3,0.5"))
        let expanded = try #require(try rm3.expand("grooming", hits: try s.search("grooming").hits, reader: reader, language: nil))
        #expect(expanded.contains("predators^"))
        let r = try rm3.search("grooming", searcher: s, options: SearchOptions())
        #expect(keys(r).prefix(2) == ["a.html", "b.html"])
        #expect(!keys(r).contains("c.html"))
        #expect(RM3(parameters: "0,10,0.5") == nil)
    }
}

@Suite struct QueryLimitTests {
    @Test func overlongQueriesAreRefused() {
        let long = String(repeating: "word ", count: 3000)
        #expect(throws: QueryError.self) { try QueryParser().parse(long) }
    }
}
