import ArgumentParser
import Foundation
import Quarry

/// `quarry check`: verifies every checksum and structure of the newest commit (`IndexChecker`).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify an index: every file's checksum, then every postings list, key and stored document.",
        discussion: """
            Exit status 0 when the index is intact; 1 with one `quarry: …` line naming the damaged \
            file otherwise (rebuild it with `quarry index --rebuild`).
            """)

    @Option(name: .long, help: "Index directory (default: the embedded default index).") var index: String?

    func run() throws { try reportingErrors(runBody) }

    private func runBody() throws {
        let path = try index ?? DefaultIndex.prepare()
        let report = try IndexChecker.check(try FSDirectory(path: path))
        Terminal.out("ok: \(path): \(report.segments) segments, \(report.files) files, \(report.documents) documents, "
                     + "\(report.terms) terms, \(report.postings) postings, \(report.positions) positions verified")
    }
}
