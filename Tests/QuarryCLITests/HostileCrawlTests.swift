import Foundation
import Testing
@testable import Quarry
import QuarryTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A crawl holding every hostile case of issue 7, indexed in one run: each bad file gets one
/// warning naming it and why, the summary counts skips by reason, good pages stay searchable,
/// nothing outside the crawl root is read, and the run finishes in bounded time.
@Suite(.serialized) struct HostileCrawlTests {
    /// Builds the crawl under `tmp`; returns (crawl root, outside directory).
    static func makeCrawl(_ tmp: TemporaryDirectory) -> (root: String, outside: String) {
        let root = tmp.path + "/crawl"
        let outside = tmp.path + "/outside"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        tmp.write("outside/secret.html", "<html><body><p>zebrasecret outside the crawl</p></body></html>")
        tmp.write("outside/secret.txt", "zebrasecret")
        func put(_ name: String, _ bytes: [UInt8]) { tmp.write("crawl/" + name, bytes) }
        func put(_ name: String, _ text: String) { put(name, Array(text.utf8)) }

        for i in 0..<70 { put(String(format: "a%03d.html", i), "<html><title>Filler \(i)</title><body><p>filler\(i) page</p></body></html>") }
        put("good.html", "<html><head><title>Good page</title></head><body><p>goodword survives</p></body></html>")
        put("empty.html", [])
        put("whitespace.html", "  \n\t \n")
        put("binary.html", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        put("nul.html", Array("<html><body><p>nulword".utf8) + [0, 0, 0] + Array("</p></body></html>".utf8))
        put("invalid-utf8.html", Array("<html><body><p>brokenword ".utf8) + [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82] + Array(" end</p></body></html>".utf8))
        put("utf16.html", [0xFF, 0xFE] + "<html><body><p>utfsixteen Grüße</p></body></html>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        put("latin1.html", Array("<html><body><p>latinword M".utf8) + [0xFC] + Array("ller Stra".utf8) + [0xDF, 0x65] + Array("</p></body></html>".utf8))
        put("deep.html", "<html><body>" + String(repeating: "<div>", count: 200_000) + "deepword"
            + String(repeating: "</div>", count: 200_000) + "<p>afterdeep</p></body></html>")
        put("deep-unclosed.html", "<html><body>" + String(repeating: "<div><span>", count: 100_000) + "unclosedeep")
        put("attrs.html", "<html><body><p " + (0..<100_000).map { "a\($0)=\"v\($0)\"" }.joined(separator: " ") + ">attrword</p></body></html>")
        put("longword.html", "<html><body><p>shortword " + String(repeating: "x", count: 1 << 20) + " tailword</p></body></html>")
        put("unclosed.html", "<html><body><div><p>unclosedword <b>bold <i>italic <table><tr><td>cellword <a href='")
        put("xxe.xhtml", """
            <?xml version="1.0"?>
            <!DOCTYPE html SYSTEM "file://\(outside)/secret.txt" [
              <!ENTITY xxe SYSTEM "file://\(outside)/secret.txt">
              <!ENTITY remote SYSTEM "http://127.0.0.1:9/remote-entity">
            ]>
            <html><body><p>xxeword &xxe; &remote;</p></body></html>
            """)
        // 50 MB page: only the first `maxDocumentBytes` are indexed.
        var huge = Array("<html><body><p>hugestart</p><p>".utf8)
        let filler = Array("lorem ipsum dolor sit amet ".utf8)
        huge.reserveCapacity(50 << 20)
        while huge.count < 50 << 20 { huge.append(contentsOf: filler) }
        put("huge.html", huge)
        put("zz-vanish.html", "<html><body><p>vanishword</p></body></html>")
        put("zz-change.html", "<html><body><p>changeword before</p></body></html>")

        // Special files and links.
        _ = mkfifo(root + "/fifo.html", 0o644)
        _ = symlink(root, root + "/loop")
        _ = symlink(outside, root + "/escape")
        _ = symlink(outside + "/secret.html", root + "/escape-file.html")
        _ = symlink("/dev/null", root + "/devnull.html")
        _ = mknod(root + "/device.html", S_IFCHR | 0o644, dev_t(0x103))  // 1:3, like /dev/null; needs CAP_MKNOD, optional
        put("unreadable.html", "<html><body><p>lockedword</p></body></html>")
        _ = chmod(root + "/unreadable.html", 0)
        var badName = Array((root + "/bad-").utf8) + [0xFF, 0xFE] + Array(".html".utf8)
        badName.append(0)
        let fd = badName.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        if fd >= 0 { _ = write(fd, "badname", 7); close(fd) }
        return (root, outside)
    }

    @Test(.timeLimit(.minutes(4))) func hostileCrawlIndexesWithOneWarningPerBadFile() throws {
        let tmp = TemporaryDirectory("quarry-hostile")
        defer {
            _ = chmod(tmp.path + "/crawl/unreadable.html", 0o644)
            tmp.cleanup()
        }
        let (root, _) = Self.makeCrawl(tmp)
        var options = CrawlIndexOptions()
        options.threads = 1  // batches of 64: the first progress report comes mid-crawl
        options.maxDocumentBytes = 4 << 20  // the deep page is 2.2 MB; the 50 MB one is cut
        var warnings: [IndexWarning] = []
        var mutated = false
        let started = Date()
        let summary = try CrawlIndexer(indexPath: tmp.path + "/index", options: options).run(
            roots: [CrawlRoot(path: root)],
            progress: { p in
                // Mid-crawl: one file vanishes, one changes.
                guard p.phase == .indexing, !mutated else { return }
                mutated = true
                unlink(root + "/zz-vanish.html")
                tmp.write("crawl/zz-change.html", "<html><body><p>changeword after, longer now</p></body></html>")
            },
            warning: { warnings.append($0) })
        let seconds = Date().timeIntervalSince(started)
        #expect(mutated)
        #expect(seconds < 180, "hostile crawl took \(seconds) s")

        func warned(_ name: String, _ reason: String) -> Bool {
            warnings.contains { $0.path.hasSuffix("/" + name) && $0.reason.contains(reason) }
        }
        let expected: [(String, String)] = [
            ("empty.html", "empty file"), ("whitespace.html", "only whitespace"), ("binary.html", "PNG image"),
            ("nul.html", "NUL bytes"), ("fifo.html", "named pipe"), ("loop", "symbolic link"),
            ("escape", "symbolic link"), ("escape-file.html", "symbolic link"), ("devnull.html", "symbolic link"),
            ("bad-\u{FFFD}\u{FFFD}.html", "not valid UTF-8"), ("zz-vanish.html", "vanished"), ("huge.html", "truncated"),
        ]
        for (name, reason) in expected {
            #expect(warned(name, reason), "no warning for \(name) (\(reason)); got \(warnings)")
        }
        if FileManager.default.fileExists(atPath: root + "/device.html") {
            #expect(warned("device.html", "device file"))
        }
        if geteuid() != 0 {  // root reads anything: the case only exists for other users
            #expect(warned("unreadable.html", "Permission denied"))
        }
        // One warning per bad file; every skip is counted by reason.
        let paths = warnings.map(\.path)
        #expect(Set(paths).count == paths.count, "a file was warned about twice: \(paths)")
        let skipWarnings = warnings.filter { !$0.reason.hasPrefix("truncated") }
        #expect(summary.skippedTotal == skipWarnings.count)
        #expect(summary.skipped["vanished"] == 1)

        // Good pages (and the good parts of bad ones) are searchable; nothing outside leaked in.
        let searcher = Searcher(reader: try IndexReader.open(try FSDirectory(path: tmp.path + "/index")))
        func hits(_ q: String) throws -> [String] { try searcher.search(q, options: SearchOptions(limit: 5, snippets: false)).hits.map(\.key) }
        let findable: [(String, String)] = [
            ("goodword", "good.html"), ("filler42", "a042.html"), ("brokenword", "invalid-utf8.html"),
            ("utfsixteen", "utf16.html"), ("grüße", "utf16.html"), ("latinword", "latin1.html"), ("müller", "latin1.html"),
            ("deepword", "deep.html"), ("afterdeep", "deep.html"), ("unclosedeep", "deep-unclosed.html"),
            ("attrword", "attrs.html"), ("shortword", "longword.html"), ("tailword", "longword.html"),
            ("cellword", "unclosed.html"), ("xxeword", "xxe.xhtml"), ("hugestart", "huge.html"),
            ("changeword", "zz-change.html"),
        ]
        for (query, key) in findable {
            let found = try hits(query)
            #expect(found == [key], "\(query) should find \(key), found \(found)")
        }
        for absent in ["zebrasecret", "vanishword", "nulword", "badname", String(repeating: "x", count: 300)] {
            #expect(try hits(absent).isEmpty, "\(absent) must not be indexed")
        }
        let title = try searcher.search("shortword", options: SearchOptions(limit: 1, snippets: false)).hits.first?.title ?? ""
        #expect(title.count <= 301)
        #expect(try IndexChecker.check(try FSDirectory(path: tmp.path + "/index")).documents > 80)
    }

    /// `quarry check` and `quarry stats` through the real binary: 0 and a report on a sound
    /// index; after one flipped byte, exit 1 and one `quarry: …` line naming the damaged file.
    @Test(.timeLimit(.minutes(1))) func checkCommandNamesTheDamagedFile() throws {
        let binary = repositoryRoot() + "/.build/debug/quarry"
        guard FileManager.default.isExecutableFile(atPath: binary) else { return }  // built by `swift build`
        let tmp = TemporaryDirectory("quarry-check")
        defer { tmp.cleanup() }
        tmp.write("crawl/a.html", "<html><title>Alpha</title><body><p>alpha beta</p></body></html>")
        tmp.write("crawl/b.txt", "plain gamma text")
        _ = try CrawlIndexer(indexPath: tmp.path + "/index").run(roots: [CrawlRoot(path: tmp.path + "/crawl")])
        func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        let ok = try run(["check", "--index", tmp.path + "/index"])
        #expect(ok.status == 0 && ok.out.hasPrefix("ok: "))
        let stats = try run(["stats", "--index", tmp.path + "/index"])
        #expect(stats.status == 0 && stats.out.contains("documents:  2") && stats.out.contains("body"))

        let reader = try IndexReader.open(try FSDirectory(path: tmp.path + "/index"))
        let victim = "seg-\(reader.segments[0].info.id).pos"
        let path = tmp.path + "/index/" + victim
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        let damaged = try run(["check", "--index", tmp.path + "/index"])
        #expect(damaged.status == 1)
        #expect(damaged.err.hasPrefix("quarry: ") && damaged.err.contains(victim), "\(damaged.err)")
    }

    /// A file that became a FIFO, a link or vanished after the walk listed it: the read neither
    /// blocks nor follows, and says why; a long file is cut at the limit.
    @Test(.timeLimit(.minutes(1))) func boundedReadsNeverBlock() throws {
        let tmp = TemporaryDirectory("quarry-read")
        defer { tmp.cleanup() }
        _ = mkfifo(tmp.path + "/fifo.html", 0o644)
        #expect(throws: FileReading.ReadError.self) { _ = try FileReading.read(tmp.path + "/fifo.html", limit: 100, followSymlinks: true) }
        _ = symlink(tmp.path + "/fifo.html", tmp.path + "/link.html")
        do {
            _ = try FileReading.read(tmp.path + "/link.html", limit: 100, followSymlinks: false)
            Issue.record("a symbolic link was followed")
        } catch {
            #expect(error.category == "symbolic link")
        }
        do {
            _ = try FileReading.read(tmp.path + "/gone.html", limit: 100, followSymlinks: false)
            Issue.record("a missing file was read")
        } catch {
            #expect(error.category == "vanished")
        }
        tmp.write("long.html", [UInt8](repeating: 0x61, count: 1000))
        let cut = try FileReading.read(tmp.path + "/long.html", limit: 100, followSymlinks: false)
        #expect(cut.bytes.count == 100 && cut.truncated && cut.fileSize == 1000)
        let whole = try FileReading.read(tmp.path + "/long.html", limit: 1000, followSymlinks: false)
        #expect(whole.bytes.count == 1000 && !whole.truncated)
    }

    /// `followSymlinks`: links are followed, loops are cut, FIFOs behind links are still skipped.
    @Test(.timeLimit(.minutes(1))) func followedSymlinksAreLoopSafe() throws {
        let tmp = TemporaryDirectory("quarry-links")
        defer { tmp.cleanup() }
        let root = tmp.path + "/crawl"
        tmp.write("crawl/sub/page.html", "<html><body><p>linkedword</p></body></html>")
        _ = symlink(root, root + "/sub/back")
        _ = symlink(root + "/sub", root + "/again")
        _ = mkfifo(tmp.path + "/pipe", 0o644)
        _ = symlink(tmp.path + "/pipe", root + "/pipe.html")
        var options = CrawlIndexOptions()
        options.followSymlinks = true
        var warnings: [IndexWarning] = []
        let summary = try CrawlIndexer(indexPath: tmp.path + "/index", options: options)
            .run(roots: [CrawlRoot(path: root)], warning: { warnings.append($0) })
        #expect(summary.added == 1)
        #expect(warnings.contains { $0.reason.contains("already visited") })
        #expect(warnings.contains { $0.path.hasSuffix("/pipe.html") && $0.reason.contains("named pipe") })
    }

    /// An incremental run that has to rebuild everything says why (the CLI prints it as a
    /// note); a run that can reuse the index gives no reason.
    @Test func incrementalRunSaysWhyItRebuilds() throws {
        let tmp = TemporaryDirectory("quarry-rebuild-reason")
        defer { tmp.cleanup() }
        tmp.write("crawl/a.html", "<html><body><nav>menu</nav><p>alpha beta</p></body></html>")
        let index = tmp.path + "/index"
        let roots = [CrawlRoot(path: tmp.path + "/crawl")]
        let first = try CrawlIndexer(indexPath: index).run(roots: roots)
        #expect(first.rebuildReason == nil && first.added == 1)
        let again = try CrawlIndexer(indexPath: index).run(roots: roots)
        #expect(again.rebuildReason == nil && again.unchanged == 1)
        var strip = CrawlIndexOptions()
        strip.keepBoilerplate = false
        let stripped = try CrawlIndexer(indexPath: index, options: strip).run(roots: roots)
        #expect(stripped.rebuildReason?.contains("--strip-boilerplate") == true)
        // A damaged segment file: the run rebuilds from the crawl and names what it could not read.
        let segment = try FileManager.default.contentsOfDirectory(atPath: index).first { $0.hasSuffix(".doc") }!
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: index + "/" + segment))
        try handle.write(contentsOf: Data("XXXX".utf8))
        try handle.close()
        let repaired = try CrawlIndexer(indexPath: index, options: strip).run(roots: roots)
        #expect(repaired.rebuildReason?.contains("could not be read") == true)
        #expect(repaired.added == 1)
    }
}
