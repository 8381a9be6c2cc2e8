import Testing
@testable import QuarryIndex
import QuarryTestSupport

/// `PostingsCursor.keepCompactMatches` tests candidate phrase starts while it decodes a term's
/// compact positions; it must keep exactly the starts a plain intersection with
/// `compactPositions` keeps, whichever documents the cursor skipped and however the term's
/// occurrences fall across position chunks.
@Suite struct CompactMatchTests {
    @Test func keepsWhatAnIntersectionKeeps() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        var rng = SeededGenerator(seed: 41)
        // "aa" is frequent (its occurrences fill chunks that span documents), "bb" rarer; line
        // breaks put jumps between blocks.
        let docs = (0..<300).map { i in
            let body = (0..<Int.random(in: 1...12, using: &rng)).map { _ in
                (0..<Int.random(in: 1...40, using: &rng)).map { _ in
                    Int.random(in: 0..<3, using: &rng) == 0 ? "bb" : (Bool.random(using: &rng) ? "aa" : "cc")
                }.joined(separator: " ")
            }.joined(separator: "\n")
            return DocumentFields(key: "d\(i).html", title: i % 3 == 0 ? "aa bb" : "", body: body, language: "en")
        }
        let reader = try buildIndex(docs, at: tmp.path)
        let segment = reader.segments[0]
        var checked = 0, kept = 0
        for trial in 0..<4 {
            // Reference cursor and the cursor under test walk the same documents; every few
            // documents are skipped (their positions never decoded).
            let reference = try #require(try segment.cursor("aa"))
            let tested = try #require(try segment.cursor("aa"))
            var doc = try reference.next()
            _ = try tested.next()
            var all: [UInt32] = []
            while doc != PostingsCursor.noMoreDocs {
                if (Int(doc) + trial) % 4 != 0 {
                    try reference.compactPositions(into: &all)
                    let offset = UInt32(trial % 3)
                    // Candidates: every compact position below the document's end that some
                    // random choice keeps, so some match and some do not.
                    let limit = (all.last ?? 0) + 3
                    var starts = (0..<limit).filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }
                    if trial == 3 { starts = Array(starts.prefix(2)) }  // stops after the last start
                    let positions = Set(all)
                    let expected = starts.filter { positions.contains($0 + offset) }
                    let n = try starts.withUnsafeMutableBufferPointer { (buffer) throws(IndexError) -> Int in
                        try tested.keepCompactMatches(buffer.baseAddress!, count: buffer.count, offset: offset)
                    }
                    #expect(Array(starts.prefix(n)) == expected, "document \(doc), trial \(trial)")
                    checked += 1
                    kept += n
                }
                doc = try reference.next()
                #expect(try tested.next() == doc)
            }
        }
        #expect(checked > 600 && kept > 1000)
    }
}
