import Foundation
import Testing
@testable import QuarryIndex
import QuarryTestSupport
import Quarry

/// Fails every write, rename and directory sync of a writer's session in turn — with ENOSPC,
/// with a crash before the operation takes effect, and with a crash right after — and checks
/// that the index then opens (checksums verified) at exactly one of the commits the session
/// published, and that a new writer recovers, finishes the work and leaves no orphaned files.
@Suite(.serialized) struct FaultInjectionTests {
    static let policy = TieredMergePolicy(segmentsPerTier: 2, floorDocs: 10)

    /// The session under test: deletions, additions over two flushes, a commit (which merges),
    /// then a force-merge and a second commit.
    static func session(_ writer: IndexWriter, add newDocs: [DocumentFields], delete keys: [String]) throws {
        let analyzer = DocumentAnalyzer(configuration: .default)
        for k in keys { try writer.delete(key: k) }
        for d in newDocs { try writer.delete(key: d.key) }  // makes a rerun after a partial session idempotent
        for (i, d) in newDocs.enumerated() {
            try writer.add(analyzer.analyze(d))
            if (i + 1) % 15 == 0 { try writer.flush() }
        }
        try writer.commit()
        try writer.forceMerge(maxSegments: 1)
        try writer.commit()
    }

    struct State: Equatable {
        var generation: Int
        var signature: [[String]]
    }

    @Test func everyFailurePointLeavesACommittedStateAndRecovers() throws {
        let root = TemporaryDirectory("fault", inMemory: true)
        defer { root.cleanup() }
        var corpus = SyntheticCorpus(seed: 21, vocabularySize: 200)
        let baseDocs = corpus.documents(80, bodyWords: 5...25)
        let newDocs = corpus.documents(30, prefix: "n", bodyWords: 5...25)
        let deleted = baseDocs.enumerated().filter { $0.offset % 6 == 1 }.map(\.element.key)
        let all = corpus.queries()
        // A frequent and a rarer term, a bag, a phrase, a prefix.
        let queries = [all[0], all[5]] + all.filter { $0.contains(" ") && !$0.contains("\"") }.prefix(1)
            + all.filter { $0.hasPrefix("\"") }.prefix(1) + all.filter { $0.hasSuffix("*") }

        // The starting index: 4 segments, one of them with deletions.
        let template = root.path + "/template"
        do {
            let dir = try FSDirectory(path: template, create: true)
            let w = try IndexWriter(directory: dir, configuration: IndexWriterConfiguration(mergePolicy: nil))
            let a = DocumentAnalyzer(configuration: .default)
            for (i, d) in baseDocs.enumerated() {
                try w.add(a.analyze(d))
                if (i + 1) % 20 == 0 { try w.flush() }
            }
            try w.commit()
            try w.delete(key: baseDocs[3].key)
            try w.commit()
            w.close()
        }
        func copyOfTemplate(_ name: String) throws -> FSDirectory {
            let path = root.path + "/" + name
            try FileManager.default.copyItem(atPath: template, toPath: path)
            return try FSDirectory(path: path)
        }
        func state(_ dir: FSDirectory) throws -> State {
            let r = try IndexReader.open(dir, verifyChecksums: true)
            return State(generation: r.commit.generation, signature: try searchSignature(r, queries))
        }

        // A fault-free run gives the reachable states and the number of operations.
        let clean = try copyOfTemplate("clean")
        var reachable = [try state(clean)]
        let counting = FaultInjectingDirectory(clean, failAt: nil, fault: .noSpace)
        do {
            let w = try IndexWriter(directory: counting, configuration: IndexWriterConfiguration(mergePolicy: Self.policy))
            defer { w.close() }
            let analyzer = DocumentAnalyzer(configuration: .default)
            for k in deleted { try w.delete(key: k) }
            for d in newDocs { try w.delete(key: d.key) }
            for (i, d) in newDocs.enumerated() {
                try w.add(analyzer.analyze(d))
                if (i + 1) % 15 == 0 { try w.flush() }
            }
            try w.commit()
            reachable.append(try state(clean))
            try w.forceMerge(maxSegments: 1)
            try w.commit()
            reachable.append(try state(clean))
        }
        let operations = counting.operations
        let final = reachable[2]
        #expect(operations > 20, "the session should write several segments, got \(operations) operations")
        #expect(Set(reachable.map(\.generation)).count == 3)

        var outcomes: [FaultInjectingDirectory.Fault: [Int: Int]] = [:]
        for fault in FaultInjectingDirectory.Fault.allCases {
            for n in 1...operations {
                let dir = try copyOfTemplate("\(fault)-\(n)")
                let faulty = FaultInjectingDirectory(dir, failAt: n, fault: fault)
                var failed = false
                do {
                    let w = try IndexWriter(directory: faulty, configuration: IndexWriterConfiguration(mergePolicy: Self.policy))
                    defer { w.close() }  // a dead process's flock is released by the kernel
                    do { try Self.session(w, add: newDocs, delete: deleted) } catch { failed = true }
                }
                #expect(failed, "\(fault) at operation \(n) did not surface as an error")
                #expect(faulty.injected != nil, "\(fault) at \(n) never fired")

                let after = try state(dir)
                let index = reachable.firstIndex(of: after)
                #expect(index != nil, "\(fault) at \(n) (\(faulty.injected.map { "\($0.operation) \($0.name)" } ?? "-")) left generation \(after.generation) with unexpected contents")
                outcomes[fault, default: [:]][index ?? -1, default: 0] += 1

                // A new writer recovers: cleans up, redoes the session, ends in the final state.
                let w2 = try IndexWriter(directory: dir, configuration: IndexWriterConfiguration(mergePolicy: Self.policy))
                try Self.session(w2, add: newDocs, delete: deleted)
                w2.close()
                let recovered = try IndexReader.open(dir, verifyChecksums: true)
                #expect(try searchSignature(recovered, queries) == final.signature, "\(fault) at \(n): recovery differs")
                let referenced = recovered.commit.referencedFiles
                let orphans = try dir.list().filter { $0 != "write.lock" && !referenced.contains($0) }
                #expect(orphans.isEmpty, "\(fault) at \(n) left \(orphans)")
                try? FileManager.default.removeItem(atPath: dir.path)
            }
        }
        // Each kind of fault must have stopped sessions both before and after a commit landed.
        for fault in FaultInjectingDirectory.Fault.allCases {
            let o = outcomes[fault] ?? [:]
            #expect((o[0] ?? 0) > 0 && (o[1] ?? 0) + (o[2] ?? 0) > 0, "\(fault): outcomes \(o)")
        }
    }

    @Test func noSpaceDuringFlushKeepsTheWriterUsable() throws {
        let tmp = TemporaryDirectory("fault-enospc")
        defer { tmp.cleanup() }
        var corpus = SyntheticCorpus(seed: 22, vocabularySize: 100)
        let docs = corpus.documents(40, bodyWords: 5...15)
        let dir = try FSDirectory(path: tmp.path, create: true)
        // Operation 3 is the third file of the first segment.
        let faulty = FaultInjectingDirectory(dir, failAt: 3, fault: .noSpace)
        let w = try IndexWriter(directory: faulty, configuration: IndexWriterConfiguration(mergePolicy: nil))
        let a = DocumentAnalyzer(configuration: .default)
        for d in docs[0..<20] { try w.add(a.analyze(d)) }
        #expect(throws: IndexError.self) { try w.commit() }
        #expect(throws: IndexError.self) { try IndexReader.open(dir) }  // nothing was ever committed
        w.close()
        let w2 = try IndexWriter(directory: dir)
        for d in docs { try w2.add(a.analyze(d)) }
        try w2.commit()
        w2.close()
        #expect(try IndexReader.open(dir, verifyChecksums: true).docCount == 40)
    }
}
