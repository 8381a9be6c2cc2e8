import Foundation
import Testing
@testable import QuarryIndex
import QuarryTestSupport
import Quarry

@Suite struct MergeTests {
    /// Writes `docs` in segments of `flushEvery` documents with merging off, then deletes
    /// `deleted` keys in a second commit.
    func buildSegmented(_ docs: [DocumentFields], at path: String, flushEvery: Int,
                        deleted: [String] = []) throws -> FSDirectory {
        let dir = try FSDirectory(path: path, create: true)
        let writer = try IndexWriter(directory: dir, configuration: IndexWriterConfiguration(mergePolicy: nil))
        let analyzer = DocumentAnalyzer(configuration: .default)
        for (i, d) in docs.enumerated() {
            try writer.add(analyzer.analyze(d))
            if (i + 1) % flushEvery == 0 { try writer.flush() }
        }
        try writer.commit()
        if !deleted.isEmpty {
            for k in deleted { #expect(try writer.delete(key: k) == 1) }
            try writer.commit()
        }
        writer.close()
        return dir
    }

    func forceMerge(_ dir: FSDirectory, maxSegments: Int = 1) throws {
        let writer = try IndexWriter(directory: dir, configuration: IndexWriterConfiguration(mergePolicy: nil))
        try writer.forceMerge(maxSegments: maxSegments)
        try writer.commit()
        writer.close()
    }

    @Test func forceMergeWithoutDeletionsKeepsEveryResultAndScore() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        var corpus = SyntheticCorpus(seed: 7)
        let docs = corpus.documents(2000)
        let dir = try buildSegmented(docs, at: tmp.path, flushEvery: 40)
        let before = try IndexReader.open(dir)
        #expect(before.segments.count == 50)
        let queries = corpus.queries()
        let expected = try searchSignature(before, queries)
        #expect(expected.contains { $0.count > 300 }, "a query should match many documents")

        try forceMerge(dir)
        let after = try IndexReader.open(dir, verifyChecksums: true)
        #expect(after.segments.count == 1)
        #expect(after.docCount == 2000)
        let got = try searchSignature(after, queries)
        for (q, (e, g)) in zip(queries, zip(expected, got)) { #expect(e == g, "query \(q)") }
        // Every document keeps its stored fields, and its key maps to its new id in order.
        let s = after.segments[0]
        for i in [0, 1, 39, 40, 999, 1999] {
            #expect(try s.document(UInt32(i)).fields == docs[i])
            #expect(try s.doc(forKey: docs[i].key) == UInt32(i))
        }
        // Only the merged segment's files remain.
        let files = Set(try dir.list().filter { $0.hasPrefix("seg-") })
        #expect(files == Set(after.commit.segments[0].fileNames))
    }

    @Test func forceMergeDropsDeletionsAndEqualsAFreshBuildByteForByte() throws {
        let tmp = TemporaryDirectory("merge-del")
        let fresh = TemporaryDirectory("merge-fresh")
        defer { tmp.cleanup(); fresh.cleanup() }
        var corpus = SyntheticCorpus(seed: 11)
        let docs = corpus.documents(3000)
        // 1 in 7 documents, plus all of segment 10 (a fully deleted segment).
        let deleted = docs.enumerated().filter { $0.offset % 7 == 3 || (500..<550).contains($0.offset) }.map(\.element.key)
        let dir = try buildSegmented(docs, at: tmp.path, flushEvery: 50, deleted: deleted)
        let before = try IndexReader.open(dir)
        #expect(before.segments.count == 59)  // the fully deleted segment is dropped at commit
        let queries = corpus.queries()
        let keysBefore = try matchingKeys(before, queries)

        try forceMerge(dir)
        let after = try IndexReader.open(dir, verifyChecksums: true)
        #expect(after.segments.count == 1)
        #expect(after.segments[0].info.deletedCount == 0)
        #expect(after.docCount == UInt64(docs.count - deleted.count))
        #expect(after.segments[0].docCount == UInt32(docs.count - deleted.count))
        #expect(try matchingKeys(after, queries) == keysBefore)
        for k in deleted.prefix(20) { #expect(try after.document(forKey: k) == nil) }

        // The same live documents indexed from scratch: identical results and scores (the merged
        // statistics no longer count deleted documents), and identical segment files.
        let deletedSet = Set(deleted)
        let live = docs.filter { !deletedSet.contains($0.key) }
        let reference = try buildIndex(live, at: fresh.path)
        #expect(try searchSignature(after, queries) == searchSignature(reference, queries))
        let mergedID = after.commit.segments[0].id, freshID = reference.commit.segments[0].id
        for ext in ["doc", "pos", "tdi", "key", "nrm", "sto"] {
            let a = try dir.read("seg-\(mergedID).\(ext)")
            let b = try FSDirectory(path: fresh.path).read("seg-\(freshID).\(ext)")
            #expect(a == b, "merged .\(ext) differs from a fresh build (\(a.count) vs \(b.count) bytes)")
        }
        // The word list may keep words seen only in deleted documents whose term survives.
        var mergedWords: [String: String] = [:], freshWords: [String: String] = [:]
        try after.segments[0].forEachWord { mergedWords[$0] = $1 }
        try reference.segments[0].forEachWord { freshWords[$0] = $1 }
        for (w, t) in freshWords { #expect(mergedWords[w] == t, "word \(w)") }
        for (w, t) in mergedWords { #expect(try after.segments[0].termInfo(t) != nil, "word \(w) points to a missing term") }
    }

    @Test func forceMergeToSeveralSegmentsKeepsOrder() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        var corpus = SyntheticCorpus(seed: 3)
        let docs = corpus.documents(600)
        let dir = try buildSegmented(docs, at: tmp.path, flushEvery: 30)
        let queries = corpus.queries()
        let expected = try searchSignature(try IndexReader.open(dir), queries)
        try forceMerge(dir, maxSegments: 3)
        let after = try IndexReader.open(dir, verifyChecksums: true)
        #expect(after.segments.count == 3)
        #expect(try searchSignature(after, queries) == expected)
    }

    @Test func policyRunsAtCommitAndKeepsTheSegmentCountBounded() throws {
        let tmp = TemporaryDirectory("merge-policy")
        let fresh = TemporaryDirectory("merge-policy-fresh")
        defer { tmp.cleanup(); fresh.cleanup() }
        var corpus = SyntheticCorpus(seed: 5)
        let docs = corpus.documents(2400, bodyWords: 5...20)
        let dir = try FSDirectory(path: tmp.path, create: true)
        let policy = TieredMergePolicy(segmentsPerTier: 4, floorDocs: 20)
        let writer = try IndexWriter(directory: dir, configuration: IndexWriterConfiguration(mergePolicy: policy))
        let analyzer = DocumentAnalyzer(configuration: .default)
        var maxSegments = 0
        for (i, d) in docs.enumerated() {
            try writer.add(analyzer.analyze(d))
            if (i + 1) % 20 == 0 {
                let c = try writer.commit()
                maxSegments = max(maxSegments, c.segments.count)
            }
        }
        writer.close()
        let reader = try IndexReader.open(dir, verifyChecksums: true)
        // 120 commits of 20 documents; at most 3 segments per tier and 4 tiers (20…2400 docs).
        #expect(maxSegments <= 12, "segment count reached \(maxSegments)")
        #expect(reader.segments.count < 12)
        #expect(reader.docCount == 2400)
        let reference = try buildIndex(docs, at: fresh.path)
        #expect(try searchSignature(reader, corpus.queries()) == searchSignature(reference, corpus.queries()))
    }

    @Test func segmentsWithManyDeletionsAreRewritten() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        var corpus = SyntheticCorpus(seed: 9)
        let docs = corpus.documents(200)
        _ = try buildSegmented(docs, at: tmp.path, flushEvery: 100)
        let dir = try FSDirectory(path: tmp.path)
        let writer = try IndexWriter(directory: dir)  // default policy
        for d in docs[0..<30] { try writer.delete(key: d.key) }   // 30% of segment 1
        for d in docs[100..<110] { try writer.delete(key: d.key) }  // 10% of segment 2
        let c = try writer.commit()
        writer.close()
        #expect(c.segments.count == 2)
        #expect(c.segments[0].docCount == 70 && c.segments[0].deletedCount == 0)
        #expect(c.segments[1].docCount == 100 && c.segments[1].deletedCount == 10)
        let reader = try IndexReader.open(dir, verifyChecksums: true)
        #expect(reader.docCount == 160)
        #expect(try reader.document(forKey: docs[30].key) != nil)
    }

    @Test func policyPicksFullTiersAndHeavyDeletions() {
        let p = TieredMergePolicy(segmentsPerTier: 10, floorDocs: 1000)
        func c(_ n: UInt32, _ d: UInt32 = 0) -> TieredMergePolicy.Candidate { .init(docCount: n, deletedCount: d) }
        #expect(p.tier(live: 0) == 0 && p.tier(live: 1000) == 0 && p.tier(live: 1001) == 1 && p.tier(live: 100_001) == 3)
        #expect(p.findMerges(Array(repeating: c(100), count: 9)).isEmpty)
        #expect(p.findMerges(Array(repeating: c(100), count: 10)) == [0..<10])
        #expect(p.findMerges([c(50_000)] + Array(repeating: c(100), count: 21)) == [1..<11, 11..<21])
        #expect(p.findMerges([c(50_000, 10_001), c(5000), c(100, 20)]) == [0..<1])
        #expect(p.findMerges([c(50_000, 10_000)]).isEmpty)
        #expect(TieredMergePolicy.forceMergeGroups([c(10), c(10), c(500), c(10)], maxSegments: 2) == [0..<2, 2..<4])
        #expect(TieredMergePolicy.forceMergeGroups([c(10), c(500, 1)], maxSegments: 2) == [1..<2])
        #expect(TieredMergePolicy.forceMergeGroups([c(10), c(500)], maxSegments: 1) == [0..<2])
    }

    @Test func aKeyAddedTwiceWithoutDeleteKeepsTheLaterDocument() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let dir = try FSDirectory(path: tmp.path, create: true)
        let writer = try IndexWriter(directory: dir, configuration: IndexWriterConfiguration(mergePolicy: nil))
        let a = DocumentAnalyzer(configuration: .default)
        try writer.add(a.analyze(DocumentFields(key: "k.html", title: "old", body: "first version")))
        try writer.add(a.analyze(DocumentFields(key: "other.html", title: "other", body: "unrelated text")))
        try writer.flush()
        try writer.add(a.analyze(DocumentFields(key: "k.html", title: "new", body: "second version")))
        try writer.forceMerge()
        try writer.commit()
        writer.close()
        let reader = try IndexReader.open(dir, verifyChecksums: true)
        #expect(reader.docCount == 2)
        let hit = try #require(try reader.document(forKey: "k.html"))
        #expect(try reader.segments[hit.segment].document(hit.doc).fields.title == "new")
        #expect(try reader.docFreq("first") == 0)
    }

    @Test func smallMemoryBudgetFlushesSeveralSegmentsAndMergesBoundThem() throws {
        let crawl = TemporaryDirectory("merge-crawl")
        let unmerged = TemporaryDirectory("merge-crawl-plain")
        let merged = TemporaryDirectory("merge-crawl-merged")
        defer { crawl.cleanup(); unmerged.cleanup(); merged.cleanup() }
        var corpus = SyntheticCorpus(seed: 13)
        for d in corpus.documents(250, bodyWords: 40...120) { crawl.write(d.key, SyntheticCorpus.html(d)) }
        var options = CrawlIndexOptions()
        options.threads = 2
        options.memoryBudgetBytes = 24 << 10
        options.mergePolicy = nil
        let plain = try CrawlIndexer(indexPath: unmerged.path, options: options).run(roots: [CrawlRoot(path: crawl.path)])
        #expect(plain.documents == 250)
        let plainReader = try IndexReader.open(FSDirectory(path: unmerged.path))
        #expect(plainReader.segments.count >= 8, "a 24 KiB budget should flush many segments, got \(plainReader.segments.count)")

        options.mergePolicy = TieredMergePolicy(segmentsPerTier: 4, floorDocs: 10)
        _ = try CrawlIndexer(indexPath: merged.path, options: options).run(roots: [CrawlRoot(path: crawl.path)])
        let mergedReader = try IndexReader.open(FSDirectory(path: merged.path), verifyChecksums: true)
        #expect(mergedReader.segments.count < plainReader.segments.count)
        #expect(mergedReader.segments.count <= 3 * 4, "merged index has \(mergedReader.segments.count) segments")
        #expect(try searchSignature(mergedReader, corpus.queries()) == searchSignature(plainReader, corpus.queries()))
    }

    /// Merges started in the background after flushes (tiers of 3 tiny segments here) give the
    /// same index content and the same search results as merging only at commit; a key updated
    /// while a merge runs keeps exactly its new version.
    @Test func backgroundMergesMatchMergingAtCommit() throws {
        let (docs, words) = generatedCorpus(documents: 600, vocabulary: 200, seed: 3)
        var results: [[[String]]] = []
        var integrated: [Int] = []
        for background in [false, true] {
            let tmp = TemporaryDirectory()
            defer { tmp.cleanup() }
            let dir = try FSDirectory(path: tmp.path, create: true)
            let config = IndexWriterConfiguration(mergePolicy: TieredMergePolicy(segmentsPerTier: 3, floorDocs: 50),
                                                  backgroundMerges: background)
            let writer = try IndexWriter(directory: dir, configuration: config)
            let analyzer = DocumentAnalyzer(configuration: .default)
            for (i, d) in docs.enumerated() {
                try writer.add(analyzer.analyze(d))
                if (i + 1) % 20 == 0 { try writer.flush() }
                if i == 350 {
                    // Update an early document while merges of its segment may be running.
                    var changed = docs[3]
                    changed.body = "zzupdated " + changed.body
                    _ = try writer.delete(key: changed.key)
                    try writer.add(analyzer.analyze(changed))
                }
            }
            try writer.commit()
            integrated.append(writer.backgroundMergesIntegrated)
            writer.close()
            let reader = try IndexReader.open(dir)
            #expect(reader.segments.reduce(0) { $0 + Int($1.info.docCount - $1.info.deletedCount) } == 600)
            _ = try IndexChecker.check(dir)
            let searcher = Searcher(reader: reader)
            var rng = SeededGenerator(seed: 8)
            var answers: [[String]] = [keys(try searcher.search("zzupdated", options: SearchOptions(limit: 10, snippets: false)))]
            for _ in 0..<60 {
                let q = (0..<Int.random(in: 1...3, using: &rng)).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }
                answers.append(keys(try searcher.search(q.joined(separator: " "), options: SearchOptions(limit: 10, snippets: false))))
            }
            results.append(answers)
        }
        #expect(integrated[0] == 0)
        #expect(integrated[1] > 0)
        #expect(results[0] == results[1])
        #expect(results[1][0] == [docs[3].key])
    }
}
