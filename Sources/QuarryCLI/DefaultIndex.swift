import Foundation
import Quarry

/// The embedded default collection: `Corpus/` and `seeds/` of the Quarry checkout, indexed into
/// the git-ignored `.quarry/default-index` on first use and updated whenever those files change
/// (an incremental run that finds nothing changed costs a directory walk).
enum DefaultIndex {
    /// The checkout root: the current directory when it holds `Corpus/` and `seeds/`, else the
    /// tree this binary was built from.
    static func root() throws -> String {
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        if fm.fileExists(atPath: cwd + "/Corpus") && fm.fileExists(atPath: cwd + "/seeds") { return cwd }
        let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        if fm.fileExists(atPath: built + "/Corpus") && fm.fileExists(atPath: built + "/seeds") { return built }
        throw CLIError("no --index given and no default corpus found (run from the Quarry checkout, which holds Corpus/ and seeds/)")
    }

    /// Makes sure the default index is current and returns its path.
    static func prepare() throws -> String {
        let root = try root()
        let index = root + "/.quarry/default-index"
        let roots = [CrawlRoot(path: root + "/Corpus", keyPrefix: "Corpus/"), CrawlRoot(path: root + "/seeds", keyPrefix: "seeds/")]
        var shown = false
        var warnings: [IndexWarning] = []
        let summary = try CrawlIndexer(indexPath: index).run(roots: roots, progress: { p in
            if p.phase == .indexing {
                if !shown { shown = true }
                Terminal.progress("building the default index of Corpus/ and seeds/: \(p.done)/\(p.total) files")
            }
        }, warning: { w in
            warnings.append(w)
        })
        Terminal.clearProgress()
        // Skipped files are re-examined on every run; they are worth a warning only when the
        // index was actually rebuilt or updated, not before every search.
        if summary.committed {
            for w in warnings { Terminal.err("warning: \(w.path): \(w.reason)") }
            Terminal.err("quarry: default index of Corpus/ and seeds/ updated: " + summary.line)
        }
        return index
    }
}
