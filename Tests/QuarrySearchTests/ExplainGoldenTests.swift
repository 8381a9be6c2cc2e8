import Foundation
import Testing
import Quarry
import QuarryTestSupport

/// `--explain` trees are pinned by a golden file: any change to the scoring formula or to its
/// labels shows up as a diff. Regenerate with QUARRY_UPDATE_GOLDEN=1 after a deliberate change.
@Suite struct ExplainGoldenTests {
    @Test func explainTreeMatchesGolden() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let reader = try buildIndex([
            DocumentFields(key: "a.html", title: "Parental controls", headings: "Controls for families",
                           body: "Parents and families can set parental controls on every phone."),
            DocumentFields(key: "b.html", title: "Safer internet", body: "Families talk about safety online."),
            DocumentFields(key: "c.html", title: "Games", body: "Age ratings for games and parents."),
        ], at: tmp.path)
        var options = SearchOptions(limit: 3)
        options.explain = true
        options.snippets = false
        var rendered = ""
        for q in ["parental controls", "\"parents and families\"", "+famil* -games", "title:safer internet^2"] {
            let r = try Searcher(reader: reader).search(q, options: options)
            rendered += "# \(q)\n"
            for h in r.hits {
                rendered += "\(h.rank) \(h.key)\n" + (h.explanation?.render() ?? "(none)\n")
            }
        }
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/explain.txt")
        if ProcessInfo.processInfo.environment["QUARRY_UPDATE_GOLDEN"] != nil {
            try rendered.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(rendered == expected)
    }
}
