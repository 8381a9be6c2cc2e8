import ArgumentParser
import Foundation
import Quarry

/// `quarry stats`: what the newest commit holds (`IndexStatistics`), without decoding postings.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show an index's documents, deletions, terms, segments, bytes per file kind and average field lengths.")

    @Option(name: .long, help: "Index directory (default: the embedded default index).") var index: String?

    func run() throws { try reportingErrors(runBody) }

    private func runBody() throws {
        let reader = try openIndex(index)
        let s = IndexStatistics(reader: reader)
        Terminal.out("commit:     \(s.generation)")
        Terminal.out("documents:  \(s.documents)")
        Terminal.out("deleted:    \(s.deleted)")
        Terminal.out("terms:      \(s.terms)")
        Terminal.out("word pairs: " + (reader.analyzerConfiguration.commonGrams
                                       ? "on (--phrase-pairs; the terms include them)" : "off"))
        Terminal.out("segments:   \(s.segments)")
        Terminal.out("bytes:      \(s.totalBytes)")
        for (kind, bytes) in s.bytesPerKind.sorted(by: { $0.key < $1.key }) {
            Terminal.out("  " + kind.padding(toLength: 10, withPad: " ", startingAt: 0) + "\(bytes)")
        }
        Terminal.out("average field length (tokens):")
        for field in ["title", "headings", "body"] {
            Terminal.out("  " + field.padding(toLength: 10, withPad: " ", startingAt: 0)
                         + String(format: "%.2f", s.averageFieldLengths[field] ?? 0))
        }
    }
}
