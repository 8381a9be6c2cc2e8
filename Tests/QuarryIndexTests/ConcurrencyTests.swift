import Dispatch
import Foundation
import Testing
import Quarry
import QuarryTestSupport

/// Readers during writes, commits and merges: every search sees a complete commit (no errors,
/// never fewer documents than were committed before it opened), while the writer keeps
/// committing, deleting superseded files and merging segments.
@Suite struct ConcurrencyTests {
    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var failed: [String] = []
        private var done = 0
        var messages: [String] { lock.lock(); defer { lock.unlock() }; return failed }
        var searches: Int { lock.lock(); defer { lock.unlock() }; return done }
        func fail(_ m: String) { lock.lock(); failed.append(m); lock.unlock() }
        func count() { lock.lock(); done += 1; lock.unlock() }
    }

    @Test func searchesDuringCommitsAndMergesNeverFail() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let dir = try FSDirectory(path: tmp.path, create: true)
        let analyzer = DocumentAnalyzer(configuration: .default)
        var config = IndexWriterConfiguration()
        config.mergePolicy = TieredMergePolicy()
        let writer = try IndexWriter(directory: dir, configuration: config)
        try writer.add(analyzer.analyze(DocumentFields(key: "seed.html", title: "Seed", body: "common words here")))
        try writer.commit()

        let committed = ManagedAtomicInt()
        committed.store(1)
        let stop = ManagedAtomicInt()
        let failures = Failures()
        let group = DispatchGroup()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                while stop.load() == 0 {
                    let before = committed.load()
                    do {
                        let reader = try IndexReader.open(dir)
                        let r = try Searcher(reader: reader).search("common", options: SearchOptions(limit: 5, snippets: false))
                        if Int(r.totalMatches) < before { failures.fail("saw \(r.totalMatches) documents after \(before) were committed") }
                        failures.count()
                    } catch {
                        failures.fail("\(error)")
                    }
                }
            }
        }
        // 60 commits of 5 documents each, every third also deleting an earlier document and
        // replacing it: the merge policy rewrites segments under the readers' feet.
        var live = 1
        for round in 0..<60 {
            for i in 0..<5 {
                try writer.add(analyzer.analyze(DocumentFields(key: "r\(round)-\(i).html", title: "Round \(round)",
                                                                body: "common words of round \(round) item \(i)")))
            }
            live += 5
            if round % 3 == 2 {
                let victim = "r\(round - 2)-0.html"
                try writer.delete(key: victim)
                try writer.add(analyzer.analyze(DocumentFields(key: victim, title: "Replaced", body: "common replacement")))
            }
            try writer.commit()
            committed.store(live)
            // Let the readers run between commits (on a single core they would not otherwise).
            let seen = failures.searches
            let deadline = Date().addingTimeInterval(0.2)
            while failures.searches == seen && Date() < deadline { usleep(500) }
        }
        stop.store(1)
        group.wait()
        writer.close()
        #expect(failures.messages.isEmpty, "\(failures.messages.prefix(3))")
        #expect(failures.searches > 10)
        let final = try IndexReader.open(dir, verifyChecksums: true)
        #expect(final.docCount == UInt64(live))
    }
}

/// A tiny lock-based atomic for the test (no extra package dependency).
final class ManagedAtomicInt: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func load() -> Int { lock.lock(); defer { lock.unlock() }; return value }
    func store(_ v: Int) { lock.lock(); value = v; lock.unlock() }
}
