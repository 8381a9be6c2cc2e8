import ArgumentParser
import Foundation
import Quarry

/// `quarry fix-text`: repairs mojibake in stdin, line by line, to stdout (see `TextRepairStream`).
struct FixTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix-text",
        abstract: "Repair mojibake (UTF-8 mis-decoded as a legacy charset) in stdin, line by line.",
        discussion: """
            One output line per input line (a line ends at byte 0x0A). Invalid UTF-8 input bytes \
            are read as windows-1252. With --json every input line must be a JSON string literal, \
            and every output line is one.
            """)

    @Flag(help: "Read and write one JSON string literal per line.")
    var json = false

    func run() throws {
        var stream = TextRepairStream(json: json)
        var output = Data()
        let stdout = FileHandle.standardOutput
        let emit: ([UInt8]) -> Void = { line in
            output.append(contentsOf: line)
            if output.count >= 1 << 16 { stdout.write(output); output.removeAll(keepingCapacity: true) }
        }
        do {
            while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 16), !chunk.isEmpty {
                try stream.consume(chunk, emit: emit)
            }
            try stream.finish(emit: emit)
        } catch let failure as TextRepairStream.Failure {
            stdout.write(output)
            FileHandle.standardError.write(Data("quarry fix-text: \(failure.description)\n".utf8))
            throw ExitCode.failure
        }
        stdout.write(output)
    }
}
