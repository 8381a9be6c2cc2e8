import Foundation
import Testing
@testable import QuarryIndex
import QuarryTestSupport
import Quarry

/// The built `quarry` executable: next to the test bundle (`swift build --build-tests` puts
/// both in `.build/debug`), else in the checkout's `.build/debug`.
enum QuarryBinary {
    static let path: String? = {
        let fm = FileManager.default
        let argv0 = CommandLine.arguments.first ?? ""
        var candidates: [String] = []
        if !argv0.isEmpty {
            let dir = URL(fileURLWithPath: argv0).deletingLastPathComponent()
            candidates.append(dir.appendingPathComponent("quarry").path)
            // On macOS the test bundle's executable sits in X.xctest/Contents/MacOS.
            candidates.append(dir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("quarry").path)
        }
        candidates.append(repositoryRoot() + "/.build/debug/quarry")
        return candidates.first { fm.isExecutableFile(atPath: $0) }
    }()
}

/// Kills a real `quarry index` process with SIGKILL at random moments and checks that the index
/// always opens, checksums verified, at either the previous or the new commit, and that a rerun
/// completes.
@Suite(.serialized) struct CrashSafetyTests {
    /// Two versions of a crawl: in `b`, every page's text changes, a tenth of the pages are gone
    /// and a tenth are new, so an incremental run re-parses every file.
    static func writeCrawl(_ root: String, version b: Bool, corpus: [DocumentFields]) throws -> Set<String> {
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var keys = Set<String>()
        for (i, var d) in corpus.enumerated() {
            if b ? i % 10 == 0 : i % 10 == 5 { continue }
            if b { d.body += " revised edition" }
            let data = Data(SyntheticCorpus.html(d).utf8)
            let path = root + "/" + d.key
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path))
            keys.insert(d.key)
        }
        return keys
    }

    static func liveKeys(_ reader: IndexReader) throws -> Set<String> {
        var keys = Set<String>()
        for s in reader.segments {
            try s.forEachKey { key, doc in if !s.isDeleted(doc) { keys.insert(key) } }
        }
        return keys
    }

    static func indexProcess(_ binary: String, crawl: String, index: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["index", crawl, "--index", index, "--quiet", "--threads", "2"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test(.enabled(if: QuarryBinary.path != nil,
                   "the quarry binary was not found next to the tests or in .build/debug: run `swift build` first"))
    func sigkillAtRandomMomentsLeavesTheOldOrTheNewCommit() throws {
        let binary = try #require(QuarryBinary.path)
        let tmp = TemporaryDirectory("crash")
        defer { tmp.cleanup() }
        let crawl = tmp.path + "/crawl", index = tmp.path + "/index"
        var corpus = SyntheticCorpus(seed: 31)
        let docs = corpus.documents(700, bodyWords: 60...200)

        // A complete first run: its duration sets the window the kills fall into.
        var expected = try Self.writeCrawl(crawl, version: false, corpus: docs)
        let started = Date()
        let first = try Self.indexProcess(binary, crawl: crawl, index: index)
        first.waitUntilExit()
        let duration = Date().timeIntervalSince(started)
        #expect(first.terminationStatus == 0)
        let directory = try FSDirectory(path: index)
        #expect(try Self.liveKeys(IndexReader.open(directory, verifyChecksums: true)) == expected)

        var rng = SeededGenerator(seed: 77)
        var landedOld = 0, landedNew = 0
        for trial in 0..<5 {
            let old = expected
            expected = try Self.writeCrawl(crawl, version: trial % 2 == 0, corpus: docs)
            let delay = Double.random(in: 0.05...1.0, using: &rng) * duration
            let p = try Self.indexProcess(binary, crawl: crawl, index: index)
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()

            let reader = try IndexReader.open(directory, verifyChecksums: true)
            let keys = try Self.liveKeys(reader)
            #expect(keys == old || keys == expected, "trial \(trial): killed after \(delay) s, index holds neither version")
            #expect(reader.docCount == UInt64(keys.count))
            if keys == expected { landedNew += 1 } else { landedOld += 1 }

            let rerun = try Self.indexProcess(binary, crawl: crawl, index: index)
            rerun.waitUntilExit()
            #expect(rerun.terminationStatus == 0, "trial \(trial): the run after the crash failed")
            #expect(try Self.liveKeys(IndexReader.open(directory, verifyChecksums: true)) == expected)
        }
        #expect(landedOld + landedNew == 5)
    }
}
