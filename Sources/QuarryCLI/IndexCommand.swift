import ArgumentParser
import Foundation
import Quarry

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build or update an index from a crawl directory of HTML and text files.",
        discussion: """
            Incremental by default: only new and changed files are parsed, vanished files are \
            deleted, and everything is committed atomically (a crash leaves the previous commit \
            searchable). Exit status 0 also when some files were skipped with a warning.
            """)

    @Argument(help: "The crawl directory (or a .jsonl file: one {\"id\", \"title\", \"body\"} object per line).")
    var crawlDirectory: String
    @Option(name: .long, help: "The index directory (created if missing).") var index: String
    @Flag(name: .long, help: "Rebuild from scratch instead of updating.") var rebuild = false
    @Option(name: .long, help: "Worker threads for parsing and analysis (default: all cores).") var threads: Int?
    @Option(name: .long, help: "RAM budget in MB before a segment is flushed.") var memory: Int = 256
    @Flag(name: .long, help: "Follow symbolic links (loop-safe).") var followSymlinks = false
    @Flag(name: .long, help: "Leave navigation, footers and sidebars out of the index (kept by default: every visible word is searchable).")
    var stripBoilerplate = false
    @Flag(name: .long, inversion: .prefixedNo,
          help: "Also index adjacent word pairs of common words (\"the kernel\", \"is used\"), so exact phrases of common words run several times faster, for a longer build (a third longer on web pages, twice as long on prose) and an index about half larger. Changing it rebuilds; omitted, the index keeps its setting (off for a new index).")
    var phrasePairs: Bool?
    @Flag(name: .long, help: "No warnings, no progress.") var quiet = false

    func run() throws { try reportingErrors(runBody) }

    private func runBody() throws {
        var options = CrawlIndexOptions()
        options.rebuild = rebuild
        if let threads { options.threads = max(1, threads) }
        options.memoryBudgetBytes = max(1, memory) << 20
        options.followSymlinks = followSymlinks
        options.keepBoilerplate = !stripBoilerplate
        options.phrasePairs = phrasePairs
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: crawlDirectory, isDirectory: &isDir)
        let jsonl = exists && !isDir.boolValue && crawlDirectory.hasSuffix(".jsonl")
        guard exists, isDir.boolValue || jsonl else {
            throw CLIError("crawl directory \(crawlDirectory) does not exist or is not a directory (or a .jsonl file of documents)")
        }
        let quiet = self.quiet
        do {
            let summary = jsonl
                ? try JSONLIndexer(indexPath: index, options: options).run(file: crawlDirectory, progress: { p in
                    if !quiet && p.phase == .indexing { Terminal.progress("indexing \(p.done)/\(p.total) lines") }
                }, warning: { w in
                    if !quiet { Terminal.clearProgress(); Terminal.err("warning: \(w.path): \(w.reason)") }
                })
                : try CrawlIndexer(indexPath: index, options: options).run(
                roots: [CrawlRoot(path: crawlDirectory)],
                progress: { p in
                    guard !quiet else { return }
                    switch p.phase {
                    case .scanning: Terminal.progress("scanning \(crawlDirectory)…")
                    case .indexing: Terminal.progress("indexing \(p.done)/\(p.total) files")
                    case .committing: Terminal.progress("committing…")
                    }
                },
                warning: { w in
                    guard !quiet else { return }
                    Terminal.clearProgress()
                    Terminal.err("warning: \(w.path): \(w.reason)")
                })
            Terminal.clearProgress()
            if let reason = summary.rebuildReason, !quiet { Terminal.err("note: rebuilt the whole index: \(reason)") }
            Terminal.out(summary.line)
        } catch {
            Terminal.clearProgress()
            throw CLIError("\(error)")
        }
    }
}
