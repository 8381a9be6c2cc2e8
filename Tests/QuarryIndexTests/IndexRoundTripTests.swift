import Foundation
import Testing
@testable import QuarryIndex
import QuarryTestSupport
import Quarry

@Suite struct IndexRoundTripTests {
    /// 300 documents: "common" in all (3 full blocks + tail), "even" in even ones, "rare" in one.
    func corpus() -> [DocumentFields] {
        (0..<300).map { i in
            var body = "common word number \(i)"
            if i % 2 == 0 { body += " even even" }
            if i == 257 { body += " rare" }
            return DocumentFields(key: "doc\(String(format: "%03d", i)).html", title: i % 10 == 0 ? "Common title" : "Title \(i)",
                                  body: body, language: "en")
        }
    }

    @Test func postingsRoundTripAcrossBlocksAndSegments() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let reader = try buildIndex(corpus(), at: tmp.path, flushEvery: 170)
        #expect(reader.segments.count == 2)
        #expect(reader.docCount == 300)
        var seen: [UInt64] = []
        for (si, s) in reader.segments.enumerated() {
            let c = try #require(try s.cursor("even"))
            var d = try c.next()
            while d != PostingsCursor.noMoreDocs {
                seen.append(reader.docBases[si] + UInt64(d))
                #expect(c.tf(.body) == 2)
                let positions = try c.positions()
                #expect(positions.count == 2)
                #expect(positions[1] == positions[0] + 1)
                d = try c.next()
            }
        }
        #expect(seen == stride(from: 0, to: 300, by: 2).map(UInt64.init))
        // Title frequencies are kept per field.
        let c = try #require(try reader.segments[0].cursor("common"))
        #expect(c.docFreq == 170)
        try c.advance(to: 10)
        #expect(c.doc == 10 && c.tf(.title) == 1 && c.tf(.body) == 1)
        try c.advance(to: 11)
        #expect(c.doc == 11 && c.tf(.title) == 0)
        try c.advance(to: 169)
        #expect(c.doc == 169)
        #expect(try c.next() == PostingsCursor.noMoreDocs)
    }

    @Test func advanceSkipsBlocksAndMatchesLinearScan() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let reader = try buildIndex(corpus(), at: tmp.path)
        let s = reader.segments[0]
        for target in [0, 1, 127, 128, 129, 255, 256, 257, 299] as [UInt32] {
            let c = try #require(try s.cursor("even"))
            let d = try c.advance(to: target)
            #expect(d == (target % 2 == 0 ? target : target + 1 < 300 ? target + 1 : PostingsCursor.noMoreDocs))
        }
        let rare = try #require(try s.cursor("rare"))
        #expect(try rare.next() == 257)
        #expect(try s.cursor("absent") == nil)
    }

    /// `advance(to:)` (galloping over block ends, eight ids compared at a time inside a block)
    /// and its inlined in-block form `advanceWithinBlock(to:)` land where a linear scan does, for terms of every density, targets ascending by steps
    /// small and large, mixed with `next()`, up to and past the last document.
    @Test func advanceMatchesLinearScanAtEveryDensity() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        var rng = SeededGenerator(seed: 17)
        let n = 3000
        let densities: [(String, Double)] = [("zork", 0.9), ("blip", 0.5), ("quux", 0.2), ("frob", 0.02)]
        var postings: [String: [UInt32]] = [:]
        var docs: [DocumentFields] = []
        for d in 0..<n {
            var words = ["filler"]
            for (word, p) in densities where Double.random(in: 0..<1, using: &rng) < p {
                words.append(word)
                postings[word, default: []].append(UInt32(d))
            }
            // A run of 300 consecutive documents, so a whole block holds 128 adjacent ids.
            if d >= 1000 && d < 1300 { words.append("glorp"); postings["glorp", default: []].append(UInt32(d)) }
            docs.append(DocumentFields(key: "d\(d)", title: "", body: words.joined(separator: " ")))
        }
        let reader = try buildIndex(docs, at: tmp.path)
        let s = reader.segments[0]
        for (word, expected) in postings {
            for round in 0..<20 {
                let c = try #require(try s.cursor(word))
                var target: UInt32 = 0
                var at = -1  // index in `expected` of the cursor's document
                while true {
                    if round % 3 == 0 && Bool.random(using: &rng) {
                        let d = try c.next()
                        at += 1
                        #expect(d == (at < expected.count ? expected[at] : PostingsCursor.noMoreDocs), "\(word) next")
                        if d == PostingsCursor.noMoreDocs { break }
                        target = d
                        continue
                    }
                    let step = UInt32(Bool.random(using: &rng) ? Int.random(in: 0...12, using: &rng) : Int.random(in: 0...900, using: &rng))
                    target &+= step
                    // Within the decoded block, when the target lies there (the cursor unmoved
                    // otherwise); then `advance`, which must agree either way.
                    let before = c.doc
                    let near = round % 2 == 1 ? c.advanceWithinBlock(to: target) : nil
                    if near == nil { #expect(c.doc == before, "\(word): advanceWithinBlock moved the cursor") }
                    let d = try c.advance(to: target)
                    if let near { #expect(near == d, "\(word): advanceWithinBlock(to: \(target))") }
                    // The first posting at or after the target, never before the cursor's current one.
                    let from = max(at, 0)
                    let want = expected[from...].first { $0 >= target } ?? PostingsCursor.noMoreDocs
                    #expect(d == want, "\(word): advance(to: \(target))")
                    if d == PostingsCursor.noMoreDocs || d != want { break }
                    at = expected.firstIndex(of: d)!
                    #expect(c.doc == d)
                }
            }
        }
    }

    /// Reading decoded blocks in place (`bufferIndex`, `blockDoc`, `moveToBuffered`) walks the
    /// same documents and frequencies as `next()`, across full blocks and into the tail, and
    /// leaves the cursor where `next()` would.
    @Test func inPlaceBlockReadingMatchesNext() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let reader = try buildIndex(corpus(), at: tmp.path)
        let s = reader.segments[0]
        var expected: [(UInt32, UInt32)] = []
        let reference = try #require(try s.cursor("common"))
        while try reference.next() != PostingsCursor.noMoreDocs { expected.append((reference.doc, reference.tf(.title))) }
        for stride in [1, 5, 127, 128, 300] {
            let c = try #require(try s.cursor("common"))
            var seen: [(UInt32, UInt32)] = []
            try c.next()
            while c.doc != PostingsCursor.noMoreDocs {
                // Reads up to `stride` documents of the block, then moves past them.
                var j = c.bufferIndex
                let end = Swift.min(c.bufferedCount, j + stride)
                while j < end { seen.append((c.blockDoc(j), c.blockTF(j, .title))); j += 1 }
                let d = try c.moveToBuffered(j)
                #expect(d == c.doc)
                if d != PostingsCursor.noMoreDocs { #expect(c.tf(.title) == c.blockTF(c.bufferIndex, .title)) }
            }
            #expect(seen.map(\.0) == expected.map(\.0))
            #expect(seen.map(\.1) == expected.map(\.1))
        }
    }

    @Test func storedFieldsKeysWordsAndNorms() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let docs = corpus()
        let reader = try buildIndex(docs, at: tmp.path)
        let s = reader.segments[0]
        for i in [0, 1, 150, 299] {
            let d = try s.document(UInt32(i))
            #expect(d.fields == docs[i])
            #expect(try s.doc(forKey: docs[i].key) == UInt32(i))
        }
        #expect(s.norms(0).length(.title) == 2)
        #expect(s.norms(0).length(.body) == 6)
        let words = try #require(try s.expandPrefix("numb", limit: 10))
        #expect(words.map(\.word) == ["number"])
        #expect(words.first?.term == "number")
    }

    @Test func deletionsAreCommittedAsNewGenerations() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        _ = try buildIndex(corpus(), at: tmp.path)
        let dir = try FSDirectory(path: tmp.path)
        let writer = try IndexWriter(directory: dir)
        #expect(try writer.delete(key: "doc005.html") == 1)
        #expect(try writer.delete(key: "missing.html") == 0)
        try writer.commit()
        writer.close()
        let reader = try IndexReader.open(dir)
        #expect(reader.docCount == 299)
        #expect(try reader.document(forKey: "doc005.html") == nil)
        #expect(try reader.document(forKey: "doc006.html") != nil)
    }

    @Test func secondWriterGetsLockedErrorWithPid() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let dir = try FSDirectory(path: tmp.path, create: true)
        let first = try IndexWriter(directory: dir)
        #expect {
            _ = try IndexWriter(directory: dir)
        } throws: { error in
            guard case .locked(_, let pid)? = error as? IndexError else { return false }
            return pid == ProcessInfo.processInfo.processIdentifier
        }
        first.close()
        let again = try IndexWriter(directory: dir)
        again.close()
    }

    @Test func uncommittedWorkIsInvisibleAndCleanedUp() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        _ = try buildIndex(Array(corpus().prefix(10)), at: tmp.path)
        let dir = try FSDirectory(path: tmp.path)
        do {
            let writer = try IndexWriter(directory: dir)
            let a = DocumentAnalyzer(configuration: .default)
            try writer.add(a.analyze(DocumentFields(key: "new.html", title: "New", body: "fresh words")))
            try writer.flush()  // segment files written, no commit: as if the process died here
            writer.close()
        }
        let reader = try IndexReader.open(dir)
        #expect(reader.docCount == 10)
        #expect(try reader.docFreq("fresh") == 0)
        // The next writer removes the orphaned segment files.
        let w2 = try IndexWriter(directory: dir)
        w2.close()
        let files = try dir.list().filter { $0.hasPrefix("seg-") }
        #expect(Set(files).isSubset(of: reader.commit.referencedFiles))
    }

    @Test func damagedSegmentFileIsReportedByName() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let reader = try buildIndex(Array(corpus().prefix(20)), at: tmp.path)
        let name = "seg-\(reader.commit.segments[0].id).doc"
        let path = tmp.path + "/" + name
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try IndexReader.open(FSDirectory(path: tmp.path), verifyChecksums: true)
        } throws: { error in
            guard case .corrupt(let file, _)? = error as? IndexError else { return false }
            return file.hasSuffix(name)
        }
    }
}

@Suite struct DuplicateKeyTests {
    @Test func aKeyAddedTwiceBeforeAFlushKeepsTheLastVersion() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let dir = try FSDirectory(path: tmp.path, create: true)
        let writer = try IndexWriter(directory: dir)
        let a = DocumentAnalyzer(configuration: .default)
        try writer.add(a.analyze(DocumentFields(key: "same.html", title: "Old", body: "first version")))
        try writer.add(a.analyze(DocumentFields(key: "other.html", title: "Other", body: "unrelated")))
        try writer.add(a.analyze(DocumentFields(key: "same.html", title: "New", body: "second version")))
        try writer.commit()
        writer.close()
        let reader = try IndexReader.open(dir, verifyChecksums: true)
        #expect(reader.docCount == 2)
        let hit = try #require(try reader.document(forKey: "same.html"))
        #expect(try reader.segments[hit.segment].document(hit.doc).fields.title == "New")
        // The old version is deleted (or already merged away): no live document has "first".
        for (si, s) in reader.segments.enumerated() {
            if let c = try s.cursor("first") {
                var d = try c.next()
                while d != PostingsCursor.noMoreDocs {
                    #expect(reader.segments[si].isDeleted(d))
                    d = try c.next()
                }
            }
        }
    }
}
