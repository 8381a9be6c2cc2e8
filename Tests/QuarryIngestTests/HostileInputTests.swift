import Testing
@testable import QuarryIngest

/// Hostile pages at the extractor level: absurd structure costs bounded time and loses no text.
@Suite struct HostileInputTests {
    @Test func attributeFloodIsCutBeforeLibxml2() throws {
        let tag = "<p " + (0..<5000).map { "a\($0)=\"v > \($0)\"" }.joined(separator: " ") + ">"
        let html = "<html><body>" + tag + "floodword</p><p lang=en hidden>gone</p></body></html>"
        let limited = try #require(StartTagLimiter.limit(Array(html.utf8)))
        let text = String(decoding: limited, as: UTF8.self)
        let kept = text.contains("a1023=\"v > 1023\" >floodword"), dropped = !text.contains("a1024=")
        let tail = text.hasSuffix("<p lang=en hidden>gone</p></body></html>")
        #expect(kept && dropped && tail)
        let doc = try extract(html)
        #expect(doc.body == "floodword")
    }

    @Test func ordinaryMarkupPassesUntouched() {
        for html in ["<p class=a id=b>x</p>", "a < b and c > d", "<a title='x > y'>z</a>", "<p", "<", "", "<!-- <p a b> -->"] {
            #expect(StartTagLimiter.limit(Array(html.utf8)) == nil, "\(html)")
        }
    }

    @Test func unclosedFloodTagAtEndOfInput() throws {
        let html = "<p>before</p><p " + String(repeating: "x ", count: 3000)
        let limited = try #require(StartTagLimiter.limit(Array(html.utf8)))
        #expect(limited.count < html.utf8.count)
        #expect(try extract(html).body.contains("before"))
    }

    @Test func deepNestingAndUnclosedMarkupKeepTheirText() throws {
        let deep = "<html><body>" + String(repeating: "<div>", count: 200_000) + "deepword"
            + String(repeating: "</div>", count: 200_000) + "<p>afterdeep</p></body></html>"
        let doc = try extract(deep)
        #expect(doc.body.contains("deepword") && doc.body.contains("afterdeep"))
        let unclosed = try extract("<html><body><div><p>one <b>two <i>three <table><tr><td>four <a href='")
        #expect(unclosed.body.contains("four"))
    }

    @Test func hugeFirstLineTitleIsCapped() throws {
        let doc = try extract("<html><body><p>" + String(repeating: "word ", count: 100_000) + "</p></body></html>")
        #expect(doc.title.count <= DocumentExtractor.maxTitleCharacters + 1)
        #expect(doc.title.hasSuffix("…"))
        #expect(DocumentExtractor.capped(title: "Short title") == "Short title")
    }

    @Test func externalEntitiesAreNeverResolved() throws {
        let html = """
            <?xml version="1.0"?>
            <!DOCTYPE html SYSTEM "file:///etc/passwd" [<!ENTITY e SYSTEM "file:///etc/hostname">]>
            <html><body><p>before &e; after</p></body></html>
            """
        let doc = try extract(html, key: "x.xhtml")
        #expect(doc.body.contains("before") && doc.body.contains("after"))
        #expect(!doc.body.contains("root:"))
    }
}
