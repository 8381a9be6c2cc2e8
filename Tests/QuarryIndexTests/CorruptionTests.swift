import Foundation
import Testing
@testable import QuarryIndex
import QuarryTestSupport
import Quarry

/// Single-byte corruption of every index file kind: `IndexChecker` (and so `quarry check`) must
/// name the damaged file for every flipped byte, and a reader opened without checksum
/// verification must answer queries or throw — never trap, never hang.
@Suite(.serialized) struct CorruptionTests {
    /// 200 documents ("common" in all: one full postings block + a tail), two segments, one
    /// deletion file, and a user-data file: every file kind a commit can name.
    static func makeIndex(at path: String) throws {
        let dir = try FSDirectory(path: path, create: true)
        let writer = try IndexWriter(directory: dir)
        let analyzer = DocumentAnalyzer(configuration: .default)
        for i in 0..<200 {
            var body = "common word number \(i) protection of minors"
            if i % 2 == 0 { body += " even even" }
            if i == 150 { body += " rare" }
            try writer.add(analyzer.analyze(DocumentFields(
                key: "doc\(i).html", title: i % 10 == 0 ? "Common title \(i)" : "Title \(i)",
                headings: i % 3 == 0 ? "Heading \(i)" : "", body: body, language: "en",
                metadata: i % 7 == 0 ? ["description": "meta \(i)"] : [:])))
            if i == 159 { try writer.flush() }
        }
        _ = try writer.commit(userData: Array("{\"manifest\":true}".utf8))
        _ = try writer.delete(key: "doc3.html")
        _ = try writer.commit(userData: Array("{\"manifest\":2}".utf8))
        writer.close()
    }

    static let queries = ["common", "even rare", "\"common word\"", "comm*", "title:common", "+even -rare",
                          "protection minors", "heading", "\"word number\"~2", "meta"]

    /// Runs every query (with snippets and explanations) and a key lookup; returns whether all
    /// succeeded. Throwing is fine; trapping would abort the test process (a failure).
    static func exercise(_ reader: IndexReader, queries: ArraySlice<String> = queries[...]) -> Bool {
        let searcher = Searcher(reader: reader)
        var ok = true
        for q in queries {
            do { _ = try searcher.search(q, options: SearchOptions(limit: 20, explain: true)) } catch { ok = false }
        }
        do { _ = try reader.document(forKey: "doc150.html") } catch { ok = false }
        return ok
    }

    @Test func intactIndexChecksClean() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        try Self.makeIndex(at: tmp.path)
        let report = try IndexChecker.check(try FSDirectory(path: tmp.path))
        #expect(report.segments == 2)
        #expect(report.documents == 200)
        #expect(report.postings > 200)
        let reader = try IndexReader.open(try FSDirectory(path: tmp.path))
        #expect(Self.exercise(reader))
        let stats = IndexStatistics(reader: reader)
        #expect(stats.documents == 199 && stats.deleted == 1 && stats.segments == 2)
        #expect(Set(stats.bytesPerKind.keys) == ["commit", "manifest", "del", "tdi", "doc", "pos", "nrm", "sto", "wrd", "key"])
    }

    /// The offsets flipped in a file of `count` bytes: all of them for small files, else the
    /// frame (first and last 24 bytes) plus an even spread of 120 body offsets.
    static func offsets(_ count: Int) -> [Int] {
        guard count > 200 else { return Array(0..<count) }
        var set = Set(0..<24)
        set.formUnion((count - 24)..<count)
        for i in 0..<120 { set.insert(24 + i * (count - 48) / 120) }
        return set.sorted()
    }

    @Test(.timeLimit(.minutes(5))) func everyFlippedByteIsDetectedAndNeverCrashesSearch() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        try Self.makeIndex(at: tmp.path)
        let dir = try FSDirectory(path: tmp.path)
        let files = try IndexReader.open(dir).commit.referencedFiles.sorted()
        #expect(files.count == 17)  // commit + manifest + 2 × 7 segment files + 1 deletion file
        var trials = 0, detected = 0, namedRight = 0
        var kinds = Set<String>()
        for name in files {
            let path = tmp.path + "/" + name
            let original = try #require(FileManager.default.contents(atPath: path))
            kinds.insert(name.split(separator: ".").last.map(String.init) ?? name)
            for (n, offset) in Self.offsets(original.count).enumerated() {
                var damaged = original
                damaged[offset] ^= n % 2 == 0 ? 0xFF : 0x01
                try damaged.write(to: URL(fileURLWithPath: path))
                defer { try? original.write(to: URL(fileURLWithPath: path)) }
                trials += 1
                do {
                    _ = try IndexChecker.check(dir)
                    Issue.record("flip at \(name)+\(offset) not detected")
                } catch {
                    detected += 1
                    switch error {
                    case .corrupt(let file, _), .unsupportedVersion(let file, _, _):
                        if file.hasSuffix("/" + name) { namedRight += 1 } else {
                            Issue.record("flip at \(name)+\(offset) blamed \(file)")
                        }
                    default: Issue.record("flip at \(name)+\(offset): unexpected \(error)")
                    }
                }
                // Without checksums: search works or throws, and returns (the time limit catches hangs).
                // Three queries per trial, rotating, so each kind of query meets every file.
                if let reader = try? IndexReader.open(dir, verifyChecksums: false) {
                    let first = (trials * 3) % Self.queries.count
                    _ = Self.exercise(reader, queries: Self.queries[first..<min(first + 3, Self.queries.count)])
                }
            }
        }
        print("byte-flip trials: \(trials) over \(files.count) files, detected \(detected), file named \(namedRight)")
        #expect(trials > 2000)
        #expect(detected == trials)
        #expect(namedRight == trials)
        #expect(kinds.isSuperset(of: ["tdi", "doc", "pos", "nrm", "sto", "wrd", "key", "del"]))
    }

    /// A file whose checksum is valid but whose structure is wrong (a writer bug, not bit rot) is
    /// caught by the structural pass, naming the file.
    @Test func structuralDamageWithValidChecksumIsNamed() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        try Self.makeIndex(at: tmp.path)
        let dir = try FSDirectory(path: tmp.path)
        let reader = try IndexReader.open(dir)
        let segment = reader.segments[1]
        var keys = BlockDictionaryWriter(kind: SegmentFormat.keysKind, version: SegmentFormat.keysVersion)
        var entries: [([UInt8], UInt32)] = []
        try segment.forEachKey { key, doc in entries.append((Array(key.utf8), doc)) }
        for (i, (key, doc)) in entries.enumerated() {
            var p = ByteWriter()
            p.vint(i == 0 ? doc : entries[0].1)  // every key points at the same document
            keys.add(key: key, payload: p.bytes)
        }
        let name = "seg-\(segment.info.id).key"
        try dir.write(name + ".new", keys.finish())
        try dir.rename(name + ".new", name)
        #expect {
            _ = try IndexChecker.check(dir)
        } throws: { error in
            guard case .corrupt(let file, _) = error as? IndexError else { return false }
            return file.hasSuffix("/" + name)
        }
    }

    /// Truncating a file at any length is detected too (the frame's length and magic).
    @Test func truncationIsDetected() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        try Self.makeIndex(at: tmp.path)
        let dir = try FSDirectory(path: tmp.path)
        for name in try IndexReader.open(dir).commit.referencedFiles.sorted() {
            let path = tmp.path + "/" + name
            let original = try #require(FileManager.default.contents(atPath: path))
            for length in [0, 1, 12, original.count / 2, original.count - 1] {
                try original.prefix(length).write(to: URL(fileURLWithPath: path))
                #expect(throws: IndexError.self) { _ = try IndexChecker.check(dir) }
            }
            try original.write(to: URL(fileURLWithPath: path))
        }
        _ = try IndexChecker.check(dir)
    }

    // MARK: regressions — each crash found by the byte-flip trials or the fuzzers, as bytes.

    static func reader(_ bytes: [UInt8], _ name: String) -> ByteReader { MappedFile(bytes: bytes, name: name).reader() }

    /// Byte-flip find: a first skip entry with lastDocDelta 0 made lastDoc −1, and
    /// `UInt32(-1)` trapped in `PostingsCursor.init` ("Negative value is not representable").
    @Test func skipEntryWithNegativeLastDocThrows() {
        let postings = Self.reader([0x00, 0x01, 0x00, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8), "r.doc")
        let positions = Self.reader([0, 0, 0, 0], "r.pos")
        #expect(throws: IndexError.self) {
            _ = try PostingsCursor(info: TermInfo(docFreq: 128, postingsOffset: 0, positionsOffset: 0),
                                   postings: postings, positions: positions)
        }
    }

    /// Damaged per-field frequencies whose sum overflows UInt32 must not trap in `totalTf` or
    /// `positions()`, and must not make `positions()` reserve gigabytes.
    @Test func overflowingTermFrequenciesThrowInsteadOfTrapping() throws {
        // One tail document: gapAndFlag 0 (both title and headings tf follow), tfBody, tfTitle, tfHeadings.
        let huge: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]  // vint UInt32.max
        let postings = Self.reader([0x00] + huge + huge + huge, "r.doc")
        let cursor = try PostingsCursor(info: TermInfo(docFreq: 1, postingsOffset: 0, positionsOffset: 0),
                                        postings: postings, positions: Self.reader([1, 1, 1], "r.pos"))
        #expect(try cursor.next() == 0)
        #expect(cursor.totalTf == UInt32.max)
        #expect(throws: IndexError.self) { _ = try cursor.positions() }
    }

    /// Fuzz find (index target, `oom-a5fc1deb…`, input `06 fe ff ff ff 0c 00 02 01 2f fd`): a
    /// document frequency of 2^32 − 2 made `PostingsCursor.init` reserve 1.3 GB of skip entries.
    @Test func absurdDocumentFrequencyThrowsBeforeAllocating() {
        let postings = Self.reader([0x01, 0x2F, 0xFD], "r.doc")
        #expect(throws: IndexError.self) {
            _ = try PostingsCursor(info: TermInfo(docFreq: UInt32.max - 1, postingsOffset: 0, positionsOffset: 2),
                                   postings: postings, positions: Self.reader([0x02, 0x01, 0x2F], "r.pos"))
        }
    }

    /// One full block of 128 documents with the given doc-id gaps (all frequencies zero) and
    /// a skip entry claiming `lastDoc`.
    static func fullBlock(gaps: [UInt32], lastDoc: UInt32) -> ByteReader {
        var block = ByteWriter()
        BitPacking.pack(gaps, into: &block)
        for _ in 0..<3 { BitPacking.pack([UInt32](repeating: 0, count: 128), into: &block) }
        var w = ByteWriter()
        w.vint(lastDoc + 1)
        w.vint(block.count)
        w.vlong(0)
        for _ in 0..<7 { w.vint(0) }  // impact: 3 maxTf, 3 minLen, no body pairs
        w.append(block.bytes)
        return reader(w.bytes, "r.doc")
    }

    /// Gaps at the SIMD prefix sum's widest (24 bits) and beyond it (the exact 64-bit path).
    @Test func wideDocGapsDecode() throws {
        for gap in [UInt32(1 << 24 - 1), 1 << 24] {
            let gaps = [UInt32](repeating: gap, count: 128)
            let docs = (1...128).map { UInt32($0) * (gap + 1) - 1 }
            let cursor = try PostingsCursor(info: TermInfo(docFreq: 128, postingsOffset: 0, positionsOffset: 0),
                                            postings: Self.fullBlock(gaps: gaps, lastDoc: docs[127]),
                                            positions: Self.reader([0], "r.pos"))
            for d in docs { #expect(try cursor.next() == d) }
            #expect(try cursor.next() == PostingsCursor.noMoreDocs)
        }
    }

    /// Gaps whose 32-bit running sum wraps around to the skip entry's last doc id must be
    /// damage, not out-of-order doc ids.
    @Test func wrappingDocGapsThrow() throws {
        var gaps = [UInt32](repeating: 0, count: 128)
        gaps[0] = UInt32.max - 1  // doc 2^32 − 2, then 2^32 − 1, 2^32 (wraps to 0), …
        let cursor = try PostingsCursor(info: TermInfo(docFreq: 128, postingsOffset: 0, positionsOffset: 0),
                                        postings: Self.fullBlock(gaps: gaps, lastDoc: 125),
                                        positions: Self.reader([0], "r.pos"))
        #expect(throws: IndexError.self) { _ = try cursor.next() }
    }

    /// Fuzz find (index target, `crash-f3e7a755…`): a tail gap of 2^63 − 1 overflowed `Int64` in
    /// `PostingsCursor.load` (arithmetic trap) instead of being reported as damage.
    @Test func hugeTailGapThrows() throws {
        let maxVlong: [UInt8] = [UInt8](repeating: 0xFF, count: 9) + [0x01]  // 2^64 − 1
        let cursor = try PostingsCursor(info: TermInfo(docFreq: 1, postingsOffset: 0, positionsOffset: 0),
                                        postings: Self.reader(maxVlong + [1], "r.doc"), positions: Self.reader([1], "r.pos"))
        #expect(throws: IndexError.self) { _ = try cursor.next() }
    }

    /// Same damage read by `forEachTailPosting` (a bag's tail score bound, before the cursor
    /// moves): the sum overflowed there too (`crash-b9bdff7c…`, found by review; the harness
    /// now reads the tail that way).
    @Test func hugeTailGapThrowsInTailScan() throws {
        let maxVlong: [UInt8] = [UInt8](repeating: 0xFF, count: 9) + [0x01]  // 2^64 − 1
        let cursor = try PostingsCursor(info: TermInfo(docFreq: 1, postingsOffset: 0, positionsOffset: 0),
                                        postings: Self.reader(maxVlong + [1], "r.doc"), positions: Self.reader([1], "r.pos"))
        #expect(throws: IndexError.self) { try cursor.forEachTailPosting { _, _, _, _ in } }
    }

    /// Fuzz find (index target, `oom-…` in Fuzz/regressions/index): a stored-fields block index
    /// claiming ~1 GiB of raw bytes made `Zstd.decompress` allocate it before zstd said no.
    @Test func storedBlockClaimingAGigabyteIsRejectedBeforeAllocating() {
        let small = Zstd.compress(Array("tiny".utf8))
        let gigabyte = 1 << 30
        let accepted = small.withUnsafeBytes { Zstd.decompress($0, size: gigabyte) }
        #expect(accepted == nil)
        #expect(small.withUnsafeBytes { Zstd.decompress($0, size: 4) } == Array("tiny".utf8))
    }

    /// A dictionary whose block count is absurd must throw before reserving memory for it.
    @Test func absurdDictionaryBlockCountThrows() {
        var w = FileEnvelope.begin(kind: SegmentFormat.termsKind, version: SegmentFormat.termsVersion)
        w.append([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])  // count, blocks: 2^32 − 1
        w.u64(0)  // index offset
        let file = MappedFile(bytes: FileEnvelope.finish(w), name: "r.tdi")
        #expect(throws: IndexError.self) {
            _ = try BlockDictionaryReader(file: file, kind: SegmentFormat.termsKind, version: SegmentFormat.termsVersion)
        }
    }

    /// A word-list edit that drops more bytes than the word has is damage, not a crash.
    @Test func wordListEditLongerThanTheWordThrows() throws {
        let word = Array("configuration".utf8)
        let payload = WordListFormat.payload(word: word, term: Array("configur".utf8))
        #expect(payload == [5])
        let ok = try WordListFormat.term(word: word, payload: MappedFile(bytes: payload, name: "r.wrd").reader())
        #expect(ok == Array("configur".utf8))
        #expect(throws: IndexError.self) {
            _ = try WordListFormat.term(word: word, payload: MappedFile(bytes: [14], name: "r.wrd").reader())
        }
    }

    /// Fuzz find (index target, `crash-4fc426f3…` in Fuzz/regressions/index): a stored-fields
    /// block index whose first block starts after document 0 made `document(0)` build a
    /// descending range (a trap) instead of reporting damage.
    @Test func storedBlockStartingAfterItsDocumentThrows() {
        let body: [UInt8] = [
            0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x4C, 0x15, 0x02, 0x00, 0xA4, 0x03, 0x06, 0x61, 0x2E, 0x68, 0x74,
            0x6D, 0x6C, 0x05, 0x48, 0x65, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x65, 0x00, 0x00, 0x00, 0xA4, 0x03,
            0x06, 0x61, 0x2E, 0x70, 0x6C, 0x61, 0x69, 0x6E, 0x20, 0x74, 0x65, 0x78, 0x74, 0x20, 0x64, 0x65,
            0x6C, 0x74, 0x61, 0x00, 0x00, 0x01, 0x00, 0x59, 0xDE, 0x84, 0x02, 0x12, 0x01, 0x08, 0x00, 0x4B,
            0x4C, 0x00, 0x00, 0x00, 0x4B, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        let file = framed(body, kind: StoredFieldsWriter.kind, version: StoredFieldsWriter.version, name: "r.sto")
        #expect(throws: IndexError.self) {
            let stored = try StoredFieldsReader(file: file, verifyChecksum: false)
            for d in 0..<min(stored.docCount, 16) { _ = try stored.document(d) }
        }
    }

    /// Fuzz regression (index target, 2026-11-29): a dictionary entry whose payload length fits
    /// what remained before the length was read, but not after, made the in-place payload
    /// slice trap instead of throwing.
    @Test func dictionaryPayloadOverrunningItsBlockThrows() {
        let body: [UInt8] = [
            0x0A, 0x00, 0x08, 0x61, 0x6C, 0x6E, 0x1F, 0x67, 0x3A, 0x65, 0x6E, 0x03, 0x02, 0x00, 0x00, 0x01,
            0x0B, 0x70, 0x61, 0x43, 0x6F, 0x6D, 0x70, 0x61, 0x72, 0x61, 0x62, 0x6C, 0x00, 0x05, 0x01, 0x62,
            0x65, 0x06, 0x04, 0x2E, 0x74, 0x78, 0x74, 0x03, 0x01, 0x06, 0x00, 0x00, 0x05, 0x70, 0x6C, 0x61,
            0x68, 0x61, 0x03, 0x01, 0x08, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x01,
            0x00, 0x05, 0x64, 0x65, 0x6C, 0x74, 0x61, 0x03, 0x01, 0x0C, 0x02, 0x02, 0x05, 0x67, 0x61, 0x6D,
            0x6D, 0x61, 0x03, 0x01, 0x10, 0x04, 0x00, 0x05, 0x68, 0x65, 0x6C, 0x6C, 0x6F, 0x03, 0x01, 0x12,
            0x05, 0x00, 0x05, 0x70, 0x6C, 0x61, 0x69, 0x6E, 0x03, 0x01, 0x16, 0x06, 0x00, 0x04, 0x74, 0x65,
            0x78, 0x74, 0x03, 0x01, 0x1A, 0x08, 0x0A, 0x01, 0x08, 0x1F, 0x6C, 0x6E, 0x00, 0x76, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00]
        let file = framed(body, kind: SegmentFormat.keysKind, version: SegmentFormat.keysVersion, name: "r.key")
        #expect(throws: IndexError.self) {
            let dict = try BlockDictionaryReader(file: file, kind: SegmentFormat.keysKind, version: SegmentFormat.keysVersion)
            try dict.forEach { (_: [UInt8], _: ByteReader) throws(IndexError) -> Bool in true }
        }
    }

    /// `body` in a correct frame of `kind` and `version`, as the fuzz harness builds its inputs.
    private func framed(_ body: [UInt8], kind: String, version: UInt32, name: String) -> MappedFile {
        var w = FileEnvelope.begin(kind: kind, version: version)
        w.append(body)
        return MappedFile(bytes: FileEnvelope.finish(w), name: name)
    }
}
