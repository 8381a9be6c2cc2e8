import Foundation
import Testing
import QuarryTestSupport

@Suite(.serialized) struct CLIEndToEndTests {
    func crawl() -> TemporaryDirectory {
        let t = TemporaryDirectory("quarry-crawl")
        t.write("org/a/campaign.html", """
            <html lang="en"><head><title>Campaign for families</title><script>var zzhidden = 1;</script></head>
            <body><nav>Home | About</nav><p>We support parents <b>and</b> families online.</p></body></html>
            """)
        t.write("org/b/split.html", "<html><body><p>We listened to parents</p><p>and families told us more.</p></body></html>")
        // windows-1252 bytes: “Contrôle parental” – déclaration
        var latin: [UInt8] = Array("<html lang=\"fr\"><head><meta charset=\"windows-1252\"><title>Contr".utf8)
        latin += [0xF4] + Array("le parental</title></head><body><p>".utf8) + [0x93] + Array("Contr".utf8) + [0xF4]
        latin += Array("le parental".utf8) + [0x94] + Array(" pour les familles ".utf8) + [0x96] + Array(" d".utf8) + [0xE9]
        latin += Array("claration.</p></body></html>".utf8)
        t.write("org/c/controle.html", latin)
        t.write("org/d/report.html", [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x34, 0x0A, 0x00, 0xFF, 0xFE])
        t.write("notes/statement.txt", "Statement on minors\n\nParents and families deserve clear tools.\n")
        return t
    }

    /// `crawl()` indexed into a fresh directory; the caller cleans both up.
    func indexedCrawl() throws -> (crawl: TemporaryDirectory, index: TemporaryDirectory) {
        let c = crawl()
        let idx = TemporaryDirectory("quarry-index")
        _ = try CLIRunner.run(["index", c.path, "--index", idx.path])
        return (c, idx)
    }

    @Test func indexSearchAndBatchOnATemporaryCrawl() throws {
        guard CLIRunner.binary != nil else {
            Issue.record("quarry binary not built")
            return
        }
        let c = crawl()
        let idx = TemporaryDirectory("quarry-index")
        defer { c.cleanup(); idx.cleanup() }
        let built = try CLIRunner.run(["index", c.path, "--index", idx.path])
        #expect(built.status == 0)
        // The PDF gets exactly one warning line naming it; indexing goes on.
        let warnings = built.stderr.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("org/d/report.html") == true)
        #expect(warnings.first?.contains("PDF") == true)
        #expect(built.stdout.contains("4 added"))
        #expect(built.stdout.contains("1 skipped"))

        let phrase = try CLIRunner.run(["search", "--index", idx.path, "\"parents and families\""])
        #expect(phrase.status == 0)
        #expect(phrase.stdout.contains("org/a/campaign.html"))
        #expect(phrase.stdout.contains("notes/statement.txt"))
        #expect(!phrase.stdout.contains("org/b/split.html"))
        #expect(phrase.stdout.contains("2 matches"))
        // Piped output is plain: no escape sequences.
        #expect(!phrase.stdout.contains("\u{1B}["))

        let accents = try CLIRunner.run(["search", "--index", idx.path, "controle"])
        #expect(accents.stdout.contains("Contrôle parental"))
        #expect(accents.stdout.contains("“Contrôle parental” pour les familles – déclaration"))

        // Script text is never indexed; navigation is, unless --strip-boilerplate.
        let hidden = try CLIRunner.run(["search", "--index", idx.path, "zzhidden"])
        #expect(hidden.stdout.contains("0 matches"))
        let nav = try CLIRunner.run(["search", "--index", idx.path, "home"])
        #expect(nav.stdout.contains("1 match"))
        let stripped = TemporaryDirectory("quarry-index-stripped")
        defer { stripped.cleanup() }
        _ = try CLIRunner.run(["index", c.path, "--index", stripped.path, "--strip-boilerplate"])
        let strippedNav = try CLIRunner.run(["search", "--index", stripped.path, "home"])
        #expect(strippedNav.stdout.contains("0 matches"))

        let json = try CLIRunner.run(["search", "--index", idx.path, "--json", "families"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["total"] as? Int) == 3)
        let hits = object?["hits"] as? [[String: Any]]
        #expect(hits?.count == 3)
        #expect(hits?.first?["snippet"] != nil)

        let batch = try CLIRunner.run(["batch", "--index", idx.path, "--format", "trec", "--tag", "t"],
                                      stdin: "q1\tfamilies\nq2\t\"parents and families\"\n")
        let lines = batch.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("q1 Q0 ") }.count == 3)
        #expect(lines.contains { $0.hasPrefix("q2 Q0 org/a/campaign 1 ") && $0.hasSuffix(" t") })
        let ids = try CLIRunner.run(["batch", "--index", idx.path, "--format", "ids", "--limit", "10"], stdin: "zzzz\nfamilies\n")
        #expect(ids.stdout.split(separator: "\n", omittingEmptySubsequences: false).first == "")
        let counts = try CLIRunner.run(["batch", "--index", idx.path, "--format", "count"], stdin: "families\n+parents +families\n")
        #expect(counts.stdout == "3\n3\n")
    }

    @Test func incrementalRunsOnlyRedoWhatChanged() throws {
        guard CLIRunner.binary != nil else { return }
        let c = crawl()
        let idx = TemporaryDirectory("quarry-index")
        defer { c.cleanup(); idx.cleanup() }
        _ = try CLIRunner.run(["index", c.path, "--index", idx.path])
        let again = try CLIRunner.run(["index", c.path, "--index", idx.path])
        #expect(again.stdout.contains("0 added, 0 updated, 0 deleted, 4 unchanged"))
        c.write("org/b/split.html", "<html><body><p>Completely new text about helplines.</p></body></html>")
        try FileManager.default.removeItem(atPath: c.path + "/notes/statement.txt")
        c.write("org/e/new.html", "<title>New</title><p>helplines everywhere</p>")
        let changed = try CLIRunner.run(["index", c.path, "--index", idx.path])
        #expect(changed.stdout.contains("1 added, 1 updated, 1 deleted, 2 unchanged"))
        let r = try CLIRunner.run(["search", "--index", idx.path, "helplines"])
        #expect(r.stdout.contains("2 matches"))
        let old = try CLIRunner.run(["search", "--index", idx.path, "listened"])
        #expect(old.stdout.contains("0 matches"))
    }

    @Test func errorsAreOneClearLine() throws {
        guard CLIRunner.binary != nil else { return }
        let idx = TemporaryDirectory("quarry-index")
        defer { idx.cleanup() }
        let missing = try CLIRunner.run(["search", "--index", idx.path + "/nope", "x"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("quarry: "))
        let c = crawl()
        defer { c.cleanup() }
        _ = try CLIRunner.run(["index", c.path, "--index", idx.path])
        let bad = try CLIRunner.run(["search", "--index", idx.path, "\"unclosed"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "quarry: query error at column 1: unclosed quote\n")
    }

    /// A query with a word in no document offers the corrected query, in the text output and
    /// in the JSON, whether or not its other words found something; one whose words are all
    /// indexed offers nothing.
    @Test func aQueryThatFindsNothingSuggestsTheClosestWords() throws {
        guard CLIRunner.binary != nil else { return }
        let (c, idx) = try indexedCrawl()
        defer { c.cleanup(); idx.cleanup() }
        let typo = try CLIRunner.run(["search", "--index", idx.path, "\"parnets and familes\""])
        #expect(typo.status == 0)
        #expect(typo.stdout.contains("0 matches"))
        #expect(typo.stdout.hasSuffix("Did you mean: \"parents and families\"\n"))
        let json = try CLIRunner.run(["search", "--index", idx.path, "--json", "familes"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["did_you_mean"] as? String == "families")
        let partly = try CLIRunner.run(["search", "--index", idx.path, "parnets families"])
        #expect(partly.stdout.contains("3 matches"))
        #expect(partly.stdout.hasSuffix("Did you mean: parents families\n"))
        let found = try CLIRunner.run(["search", "--index", idx.path, "--json", "families"])
        let foundObject = try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any]
        #expect(foundObject?["did_you_mean"] == nil)
    }

    /// The query language excludes a word with `-word`: it must reach the query parser unquoted
    /// and in any position, not fail as an unknown option; options still work after the query,
    /// and a mistyped `--option` is an error, not query text.
    @Test func aLeadingDashExcludesAWordInsteadOfFailingAsAnOption() throws {
        guard CLIRunner.binary != nil else { return }
        let (c, idx) = try indexedCrawl()
        defer { c.cleanup(); idx.cleanup() }
        let all = try CLIRunner.run(["search", "--index", idx.path, "families"])
        #expect(all.stdout.contains("notes/statement.txt"))
        for words in [["families", "-minors"], ["-minors", "families"], ["-minors families"], ["--", "-minors", "families"]] {
            let r = try CLIRunner.run(["search", "--index", idx.path] + words)
            #expect(r.status == 0, "\(words): \(r.stderr)")
            #expect(r.stdout.contains("org/a/campaign.html"), "\(words)")
            #expect(!r.stdout.contains("notes/statement.txt"), "\(words)")
        }
        let after = try CLIRunner.run(["search", "families", "-minors", "--limit", "1", "--index", idx.path])
        #expect(after.status == 0)
        #expect(after.stdout.contains("1. "))
        #expect(!after.stdout.contains("2. "))
        let typo = try CLIRunner.run(["search", "--index", idx.path, "families", "--limt", "1"])
        #expect(typo.status == 1)
        #expect(typo.stderr == "quarry: unknown option '--limt'; to search for text starting with '--', put the query after '--'\n")
    }
}

@Suite struct JSONLIndexingTests {
    @Test func aJSONLinesFileIsIndexedLineByLine() throws {
        guard CLIRunner.binary != nil else { return }
        let t = TemporaryDirectory("quarry-jsonl")
        defer { t.cleanup() }
        let file = t.write("docs.jsonl", """
            {"id": "a/one.html", "title": "Parental controls", "body": "Parents and families set the controls."}
            {"id": "b/two.html", "title": "Other", "text": "Nothing about that."}
            not json
            {"id": "c/three.html", "title": "Tres", "body": "Los padres y las familias.", "lang": "es"}

            """)
        let r = try CLIRunner.run(["index", file, "--index", t.path + "/idx"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("3 added"))
        #expect(r.stderr.contains("docs.jsonl:3"))
        let s = try CLIRunner.run(["search", "--index", t.path + "/idx", "\"parents and families\""])
        #expect(s.stdout.contains("a/one.html"))
        let es = try CLIRunner.run(["search", "--index", t.path + "/idx", "lang:es familias"])
        #expect(es.stdout.contains("c/three.html"))
    }
}
