import Foundation
import Testing
import QuarryEval

/// `quarry eval --index DIR --topics FILE`, end to end: the real `quarry` executable indexes a
/// small temporary crawl, runs the topics, scores them, and saves the run; the saved run, scored
/// again with `--run`, must give the same numbers.
///
/// These tests drive the built CLI as a subprocess (the binary `swift test` builds beside the
/// test bundle), so they cover argument parsing, docno mapping and the run file format together.
@Suite struct EngineEvalEndToEndTests {
    /// The `quarry` executable: `QUARRY_BIN`, else beside the test bundle, else in `.build/`.
    static let binary: String? = {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["QUARRY_BIN"] { candidates.append(explicit) }
        let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent().path
        candidates.append(Bundle.main.bundlePath + "/quarry")
        candidates.append(bundleDirectory + "/quarry")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        candidates += [root + "/.build/debug/quarry", root + "/.build/release/quarry"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func quarry(_ arguments: [String]) throws -> Output {
        let path = try #require(Self.binary, "build the quarry executable first (swift build)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A crawl of four pages, topics and graded judgments, in a fresh folder.
    final class Collection {
        let root = FileManager.default.temporaryDirectory.path + "/quarry-eval-e2e-\(UUID().uuidString)"
        var crawl: String { root + "/crawl" }
        var index: String { root + "/index" }
        var topics: String { root + "/topics.tsv" }
        var qrels: String { root + "/qrels.txt" }

        init() throws {
            func write(_ relative: String, _ text: String) throws {
                let path = root + "/" + relative
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            }
            func page(_ title: String, _ body: String) -> String {
                "<html><head><title>\(title)</title></head><body><p>\(body)</p></body></html>"
            }
            try write("crawl/fruit/apples.html", page("Apple orchards", "Apple trees grow in orchards; apples are picked in autumn."))
            try write("crawl/fruit/pears.html", page("Pear trees", "Pears ripen after picking. Pear trees like orchards too."))
            try write("crawl/ships/sails.html", page("Sailing ships", "Tall ships carry sails on masts."))
            try write("crawl/notes.txt", "Notes about engines and ships in harbours.")
            try write("topics.tsv", "1\tapple orchards\n2\tships\n3\tsubmarine\n4\t\"unclosed phrase\n")
            try write("qrels.txt", """
                1 0 fruit/apples 2
                1 0 fruit/pears 1
                2 0 ships/sails 1
                2 0 notes 1
                3 0 ships/sails 1
                4 0 fruit/pears 1

                """)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func runsTopicsThroughTheIndexAndScoresThem() throws {
        let c = try Collection()
        let indexed = try quarry(["index", c.crawl, "--index", c.index, "--rebuild"])
        #expect(indexed.status == 0, "\(indexed.stderr)")

        let runPath = c.root + "/saved.run"
        let direct = try quarry(["eval", "--index", c.index, "--topics", c.topics, "--qrels", c.qrels,
                                 "--save-run", runPath, "--tag", "e2e", "--json",
                                 "--measures", "ndcg_cut_10,map,recall_100,num_ret"])
        #expect(direct.status == 0, "\(direct.stderr)")
        // The topic the query parser rejects is reported, and scores zero rather than failing the run.
        #expect(direct.stderr.contains("topic 4"))
        #expect(direct.stderr.contains("quarry eval: 4 topics"))

        let result = try json(direct.stdout)
        #expect(result["queries"] as? Int == 4)
        #expect(result["run"] as? String == "e2e")
        let perQuery = try #require(result["per_query"] as? [String: [String: Any]])
        // Topic 1: the apple page first (grade 2), the pear page (grade 1) retrieved too.
        #expect(perQuery["1"]?["ndcg_cut_10"] as? Double == 1.0)
        #expect(perQuery["1"]?["recall_100"] as? Double == 1.0)
        // Topic 2: docnos drop the extension — `notes.txt` is judged as `notes`.
        #expect(perQuery["2"]?["recall_100"] as? Double == 1.0)
        // Topic 3 matches nothing; topic 4 failed to parse: both score 0, listed as missing from
        // the run exactly as they would be from a run file.
        #expect(perQuery["3"]?["ndcg_cut_10"] as? Double == 0.0)
        #expect(perQuery["4"]?["num_ret"] as? Int == 0)
        #expect(result["missing_queries"] as? [String] == ["3", "4"])

        // The saved run is a TREC run file whose evaluation gives exactly the same report.
        let saved = try String(contentsOfFile: runPath, encoding: .utf8)
        let firstLine = try #require(saved.split(separator: "\n").first)
        #expect(firstLine.split(separator: " ").count == 6)
        #expect(firstLine.hasPrefix("1 Q0 fruit/apples 1 "))
        #expect(firstLine.hasSuffix(" e2e"))
        let rescored = try quarry(["eval", "--run", runPath, "--qrels", c.qrels, "--json",
                                   "--measures", "ndcg_cut_10,map,recall_100,num_ret"])
        #expect(rescored.status == 0, "\(rescored.stderr)")
        #expect(rescored.stdout == direct.stdout)
    }

    @Test func rankingOptionsReachTheEngine() throws {
        let c = try Collection()
        #expect(try quarry(["index", c.crawl, "--index", c.index, "--rebuild"]).status == 0)
        let base = ["eval", "--index", c.index, "--topics", c.topics, "--qrels", c.qrels, "--json"]
        func savedRun(_ extra: [String]) throws -> String {
            let path = c.root + "/run-\(UUID().uuidString)"
            let output = try quarry(base + ["--save-run", path] + extra)
            #expect(output.status == 0, "\(output.stderr)")
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        let defaults = try savedRun([])
        // The same settings spelled out give the same run; other settings give other scores.
        #expect(try savedRun(["--k1", "1.2", "--b", "0.75", "--weights", "2,1,1"]) == defaults)
        #expect(try savedRun(["--weights", "1,0,0"]) != defaults)
        #expect(try savedRun(["--k1", "0.5", "--b", "0.3"]) != defaults)
        let bad = try quarry(base + ["--b", "2"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--b"))
    }

    @Test func pseudoRelevanceFeedbackExpandsFromTheTopDocuments() throws {
        let c = try Collection()
        #expect(try quarry(["index", c.crawl, "--index", c.index, "--rebuild"]).status == 0)
        let base = ["eval", "--index", c.index, "--topics", c.topics, "--qrels", c.qrels, "--json"]
        let runPath = c.root + "/prf.run"
        let expanded = try quarry(base + ["--prf", "--save-run", runPath])
        #expect(expanded.status == 0, "\(expanded.stderr)")
        let result = try json(expanded.stdout)
        let perQuery = try #require(result["per_query"] as? [String: [String: Any]])
        // "apple orchards" expands from the apple page (orchards, trees, picked…), so the pear
        // page, which shares "trees" and "orchards", is still found; --prf implies --plain, so
        // topic 4's stray quote no longer fails.
        #expect(perQuery["1"]?["recall_100"] as? Double == 1.0)
        #expect(!expanded.stderr.contains("topic 4"))
        let saved = try String(contentsOfFile: runPath, encoding: .utf8)
        #expect(saved.hasPrefix("1 Q0 fruit/apples 1 "))
        let bad = try quarry(base + ["--prf", "--prf-parameters", "0,10,0.5"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--prf-parameters"))
    }

    @Test func rejectsIncompleteOrConflictingSources() throws {
        let c = try Collection()
        let noTopics = try quarry(["eval", "--index", c.index, "--qrels", c.qrels])
        #expect(noTopics.status != 0)
        #expect(noTopics.stderr.contains("--index and --topics go together"))
        let both = try quarry(["eval", "--index", c.index, "--topics", c.topics, "--run", c.topics, "--qrels", c.qrels])
        #expect(both.status != 0)
        #expect(both.stderr.contains("give one of"))
        let saveWithoutIndex = try quarry(["eval", "--run", c.topics, "--qrels", c.qrels, "--save-run", c.root + "/x"])
        #expect(saveWithoutIndex.status != 0)
        #expect(saveWithoutIndex.stderr.contains("--save-run needs --index"))
    }
}
