import Testing
@testable import QuarryIndex
import QuarryTestSupport

/// The allocation-free readers prefix queries use must agree with the general ones: short
/// postings with a cursor, the merged dictionary scan with term-by-term lookups, the byte
/// expansion with the string one.
@Suite struct ShortPostingsTests {
    @Test func shortPostingsEqualTheCursor() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let (docs, _) = generatedCorpus(documents: 1500, vocabulary: 200, seed: 3)
        let reader = try buildIndex(docs, at: tmp.path, flushEvery: 600)
        let buffer = UnsafeMutablePointer<UInt32>.allocate(capacity: 4 * PostingsFormat.blockSize)
        defer { buffer.deallocate() }
        var short = 0, long = 0
        for s in reader.segments {
            try s.forEachTerm { (_: String, info: TermInfo) throws(IndexError) in
                guard Int(info.docFreq) < PostingsFormat.blockSize else { long += 1; return }
                short += 1
                let n = try s.decodeShortPostings(info, into: buffer)
                let cursor = try s.cursor(info)
                var i = 0
                while try cursor.next() != PostingsCursor.noMoreDocs {
                    #expect(i < n)
                    guard i < n else { return }
                    #expect(buffer[i] == cursor.doc)
                    #expect(buffer[128 + i] == cursor.tf(.title))
                    #expect(buffer[256 + i] == cursor.tf(.headings))
                    #expect(buffer[384 + i] == cursor.tf(.body))
                    i += 1
                }
                #expect(i == n)
            }
        }
        #expect(short > 50 && long > 5)
    }

    @Test func mergedScanAndByteExpansionEqualLookups() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let (docs, _) = generatedCorpus(documents: 1500, vocabulary: 200, seed: 4)
        let reader = try buildIndex(docs, at: tmp.path, flushEvery: 600)
        for s in reader.segments {
            for prefix in ["q", "qb", "qc", "qz", "qbb", "x"] {
                let words = try #require(try s.expandPrefix(prefix, limit: 10_000))
                var arena = TermArena()
                #expect(try s.expandPrefixTerms(Array(prefix.utf8), limit: 10_000, into: &arena))
                let bytes = (0..<arena.count).map(arena.term)
                #expect(bytes.map { String(decoding: $0, as: UTF8.self) } == words.map(\.term))
                // Every other expansion term, plus terms the segment lacks.
                var wanted = Set(bytes.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
                wanted.insert(Array((prefix + "zzzz").utf8))
                wanted.insert(Array((prefix + "0").utf8))
                let sorted = wanted.sorted { $0.lexicographicallyPrecedes($1) }
                // Shuffled with repeats, the arena sorts and dedupes to the same list.
                let resorted = TermArena(sorted.reversed() + sorted).sortedDistinct()
                #expect((0..<resorted.count).map(resorted.term) == sorted)
                for shared in [Array(prefix.utf8), []] {
                    let found = try s.termInfos(sorted: TermArena(sorted), sharing: shared)
                    #expect(found.count == sorted.count)
                    for (t, info) in zip(sorted, found) {
                        #expect(try s.termInfo(String(decoding: t, as: UTF8.self)) == info, "\(prefix): \(t)")
                    }
                }
            }
        }
    }
}
