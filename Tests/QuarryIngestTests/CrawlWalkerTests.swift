import Foundation
import Testing
@testable import QuarryIngest
#if canImport(Glibc)
import Glibc
#endif

/// A fresh temporary crawl directory, removed when the test ends.
private final class TemporaryCrawl {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "quarry-walk-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ relative: String, _ text: String = "<p>x</p>") throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func link(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: root + "/" + relative, withDestinationPath: destination)
    }
}

@Suite struct CrawlWalkerTests {
    @Test func sortedRelativeKeysAndCandidates() throws {
        let crawl = try TemporaryCrawl()
        for name in ["b/z.html", "b/a.HTM", "a.txt", "c/d/e.xhtml", "c/page.shtml", "notes.text", "B.html",
                     "img.png", "style.css", "noext", ".hidden.html", ".git/config.html", "c/.cache/x.html"] {
            try crawl.write(name)
        }
        let result = try CrawlWalker(root: crawl.root + "/").walk()
        #expect(result.files.map(\.key) == ["B.html", "a.txt", "b/a.HTM", "b/z.html", "c/d/e.xhtml", "c/page.shtml",
                                            "notes.text"])
        #expect(result.skipped.isEmpty)
        let first = try #require(result.files.first)
        #expect(first.path == crawl.root + "/B.html")
        #expect(first.size == 8)
        #expect(first.mtimeNanos > 0)
    }

    @Test func symlinksAreNotFollowedByDefault() throws {
        let crawl = try TemporaryCrawl()
        try crawl.write("real/page.html")
        try crawl.link("linked", to: crawl.root + "/real")
        try crawl.link("alias.html", to: crawl.root + "/real/page.html")
        try crawl.link("dangling.html", to: crawl.root + "/missing.html")
        let result = try CrawlWalker(root: crawl.root).walk()
        #expect(result.files.map(\.key) == ["real/page.html"])
        #expect(result.skipped.map(\.reason) == ["symbolic link (not followed)", "broken symbolic link",
                                                 "symbolic link (not followed)"])
        #expect(result.skipped.map { String($0.path.split(separator: "/").last ?? "") } == ["alias.html", "dangling.html", "linked"])
    }

    @Test func followedSymlinksAreLoopSafe() throws {
        let crawl = try TemporaryCrawl()
        try crawl.write("real/page.html")
        try crawl.link("real/loop", to: crawl.root)
        try crawl.link("alias.html", to: crawl.root + "/real/page.html")
        let result = try CrawlWalker(root: crawl.root, followSymlinks: true).walk()
        #expect(result.files.map(\.key) == ["alias.html", "real/page.html"])
        #expect(result.skipped.count == 1)
        #expect(result.skipped.first?.reason.contains("loop") == true)
    }

    @Test func fifosAreSkippedWithoutOpening() throws {
        let crawl = try TemporaryCrawl()
        try crawl.write("page.html")
        #expect(mkfifo(crawl.root + "/pipe.html", 0o644) == 0)
        // Opening the FIFO for reading would block this test forever.
        let result = try CrawlWalker(root: crawl.root).walk()
        #expect(result.files.map(\.key) == ["page.html"])
        #expect(result.skipped.count == 1)
        #expect(result.skipped.first?.reason.contains("FIFO") == true)
    }

    @Test func unreadableDirectoryIsReported() throws {
        guard getuid() != 0 else { return }  // root reads everything: nothing to observe
        let crawl = try TemporaryCrawl()
        try crawl.write("locked/page.html")
        try crawl.write("open.html")
        #expect(chmod(crawl.root + "/locked", 0) == 0)
        defer { chmod(crawl.root + "/locked", 0o755) }
        let result = try CrawlWalker(root: crawl.root).walk()
        #expect(result.files.map(\.key) == ["open.html"])
        #expect(result.skipped.first?.reason.hasPrefix("cannot read directory") == true)
    }

    @Test func missingRootThrowsNamingIt() {
        let path = "/nonexistent/quarry-root"
        #expect(throws: IngestError.unreadable(path: path, reason: "No such file or directory")) {
            try CrawlWalker(root: path).walk()
        }
    }

    @Test func fileRootThrows() throws {
        let crawl = try TemporaryCrawl()
        try crawl.write("f.html")
        #expect(throws: IngestError.unreadable(path: crawl.root + "/f.html", reason: "not a directory")) {
            try CrawlWalker(root: crawl.root + "/f.html").walk()
        }
    }
}
