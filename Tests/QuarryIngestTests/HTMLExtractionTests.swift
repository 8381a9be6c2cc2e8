import Testing
@testable import QuarryIngest

@Suite struct HTMLExtractionTests {
    @Test func boilerplateAndInvisibleTextIsDropped() throws {
        let html = """
        <!DOCTYPE html><html><head><title>T</title><style>p { color: red }</style>
        <script>var leaked = "script text";</script></head>
        <body>
        <header><a href="/">Site banner</a></header>
        <nav><ul><li>Nav link</li></ul></nav>
        <main><article><header><h1>Article heading</h1></header>
        <p>Main text here.</p>
        <!-- a comment -->
        <template><p>template text</p></template>
        <noscript>noscript text</noscript>
        <div hidden>hidden text</div><span aria-hidden="true">aria hidden</span>
        <div role="navigation">role nav</div>
        <select><option>option text</option></select><button>button text</button>
        <svg><title>svg title</title><text>svg text</text></svg>
        </article></main>
        <aside>aside text</aside>
        <footer>footer text</footer>
        <script>trailing script</script>
        </body></html>
        """
        let doc = try extract(html)
        #expect(doc.body == "Article heading\nMain text here.")
        #expect(doc.title == "T")
        #expect(doc.headings == "Article heading")
        for absent in ["color", "script text", "Site banner", "Nav link", "comment", "template", "noscript", "hidden",
                       "role nav", "option", "button", "svg", "aside", "footer", "trailing"] {
            #expect(!doc.body.contains(absent), "\(absent) leaked into the body")
        }
    }

    @Test func inlineElementsAreNotBoundaries() throws {
        #expect(try extract("<p>parents <b>and</b> families</p>").body == "parents and families")
        #expect(try extract("<p>a<b>b</b>c</p>").body == "abc")
        #expect(try extract("<p>x<span><em>y</em></span><unknowntag>z</unknowntag></p>").body == "xyz")
    }

    @Test func blockElementsAreSingleBoundaries() throws {
        let html = "<body>\n  <div><p>one</p>\n\n<p>two  \t three</p></div><ul><li>a</li><li>b</li></ul>x<br>y<hr>"
            + "<table><tr><td>c1</td><td>c2</td></tr></table><h2>H</h2>tail</body>"
        let doc = try extract(html)
        #expect(doc.body == "one\ntwo three\na\nb\nx\ny\nc1\nc2\nH\ntail")
        #expect(doc.headings == "H")
    }

    @Test func preKeepsLines() throws {
        #expect(try extract("<pre>line one\n  line   two\n\n\nthree</pre>").body == "line one\nline two\nthree")
    }

    @Test func entitiesAreDecoded() throws {
        #expect(try extract("<p>Tom &amp; Jerry &eacute;t&eacute; &#x2019; &#8212;&nbsp;x</p>").body == "Tom & Jerry été ’ — x")
    }

    @Test func brokenMarkupStillGivesText() throws {
        let doc = try extract("<html><body><div><p>unclosed <b>bold <i>both</p></span>after stray</div><p>last")
        #expect(doc.body.contains("unclosed bold both"))
        #expect(doc.body.contains("after stray"))
        #expect(doc.body.hasSuffix("last"))
        #expect(try extract("<p>no html element at all").body == "no html element at all")
        #expect(try extract("</div></p><p>only stray ends before").body == "only stray ends before")
    }

    @Test func headingsAreCollectedAndStayInBody() throws {
        let doc = try extract("<h1>Top <small>level</small></h1><p>text</p><h3>Sub</h3><p>more</p>")
        #expect(doc.headings == "Top level\nSub")
        #expect(doc.body == "Top level\ntext\nSub\nmore")
    }

    @Test func languageSources() throws {
        #expect(try extract("<html lang=\"fr-CA\"><body><p>x</p></body></html>").language == "fr-CA")
        #expect(try extract("<html xml:lang=\"de\"><body><p>x</p></body></html>").language == "de")
        #expect(try extract("<html><head><meta http-equiv=\"Content-Language\" content=\"es, en\"></head><p>x</p></html>").language == "es")
        #expect(try extract("<html><body><p>x</p></body></html>").language == nil)
    }

    @Test func metadata() throws {
        let html = """
        <html><head><meta name="Description" content="  A   page
        about things "><meta name="keywords" content="a, b"><meta name="author" content="Ann">
        <meta property="og:title" content="OG Title"><meta name="viewport" content="width=device-width">
        </head><body><p>x</p></body></html>
        """
        let doc = try extract(html)
        #expect(doc.metadata == ["description": "A page about things", "keywords": "a, b", "author": "Ann",
                                 "og:title": "OG Title"])
    }

    @Test func titleFallbacks() throws {
        #expect(try extract("<html><head><title>  Real\n title </title></head><body><h1>H</h1></body></html>").title == "Real title")
        #expect(try extract("<html><body><p>intro</p><h1>First <b>H1</b></h1><h1>Second</h1></body></html>").title == "First H1")
        #expect(try extract("<html><body><div>first line</div><div>second</div></body></html>").title == "first line")
        #expect(try extract("<html><head><title> </title></head><body><img src=x></body></html>", key: "dir/page.html").title == "page.html")
    }

    @Test func htmlFileWithoutMarkupIsPlainText() throws {
        let doc = try extract("Just words\nin lines", key: "a.html")
        #expect(doc.title == "Just words")
        #expect(doc.body == "Just words in lines")
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let html = "<!DOCTYPE html SYSTEM \"file:///etc/passwd\" [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<html><body><p>before &x; after</p></body></html>"
        let doc = try extract(html)
        #expect(!doc.body.contains("root:"))
        #expect(doc.body.contains("before"))
    }

    @Test func concurrentExtractionIsSafe() async throws {
        let pages = (0..<64).map { "<html><head><title>P\($0)</title></head><body><p>body \($0) <b>bold</b></p></body></html>" }
        let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (i, page) in pages.enumerated() {
                group.addTask { (i, try DocumentExtractor.extract(bytes: Array(page.utf8), key: "p\(i).html").body) }
            }
            var result: [Int: String] = [:]
            for try await (i, body) in group { result[i] = body }
            return result
        }
        for i in 0..<64 { #expect(bodies[i] == "body \(i) bold") }
    }
}

@Suite struct BoilerplateOptionTests {
    @Test func boilerplateIsStrippedUnlessKept() throws {
        let html = Array("""
            <html><body><nav>Home About Contact</nav><main><p>Main text here.</p></main>
            <footer>Copyright notice</footer><div role="navigation">Sidebar links</div></body></html>
            """.utf8)
        let stripped = try DocumentExtractor.extract(bytes: html, key: "a.html")
        #expect(stripped.body == "Main text here.")
        let kept = try DocumentExtractor.extract(bytes: html, key: "a.html", keepBoilerplate: true)
        #expect(kept.body.contains("Home About Contact"))
        #expect(kept.body.contains("Copyright notice"))
        #expect(kept.body.contains("Sidebar links"))
        #expect(kept.body.contains("Main text here."))
    }
}
