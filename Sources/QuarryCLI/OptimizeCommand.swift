import ArgumentParser
import Foundation
import Quarry

struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Merge an index's segments into one (or a few) and drop deleted documents.",
        discussion: """
            Verifies every file's checksum first (merging damaged data would make it permanent), \
            then rewrites the segments and commits atomically: searches keep seeing the old \
            commit until the new one is in place. Results do not change; searches may get faster.
            """)

    @Option(name: .long, help: "Index directory (default: the embedded index of Corpus/ and seeds/).") var index: String?
    @Option(name: .long, help: "Merge down to at most this many segments.") var maxSegments: Int = 1
    @Flag(name: .long, help: "Only print the result line.") var quiet = false

    func run() throws { try reportingErrors(runBody) }

    private func runBody() throws {
        guard maxSegments >= 1 else { throw CLIError("--max-segments must be at least 1") }
        let started = Date()
        let path = try index ?? DefaultIndex.prepare()
        let directory = try FSDirectory(path: path)
        let before = try IndexReader.open(directory, verifyChecksums: true)
        let deleted = before.commit.segments.reduce(0) { $0 + Int($1.deletedCount) }
        if !quiet { Terminal.progress("merging \(before.segments.count) segments…") }
        let writer = try IndexWriter(directory: directory,
                                     configuration: IndexWriterConfiguration(analyzer: before.analyzerConfiguration))
        defer { writer.close() }
        try writer.forceMerge(maxSegments: maxSegments)
        let commit = try writer.commit()
        Terminal.clearProgress()
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        Terminal.out("optimized \(path): \(before.segments.count) → \(commit.segments.count) segments, "
                     + "\(commit.docCount) documents, \(deleted) deleted documents dropped in \(seconds) s")
    }
}
