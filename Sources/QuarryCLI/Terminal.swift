import ArgumentParser
import Foundation
import Quarry

/// Output helpers: bold only on a terminal, progress lines only on a terminal, messages that
/// always end with a newline, and stdout flushed per line when a harness reads it.
enum Terminal {
    static let stdoutIsTTY = isatty(STDOUT_FILENO) != 0
    static let stderrIsTTY = isatty(STDERR_FILENO) != 0

    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data((s + "\n").utf8))
    }

    static func err(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    /// A transient progress line on stderr (terminal only).
    static func progress(_ s: String) {
        guard stderrIsTTY else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + s).utf8))
    }

    static func clearProgress() {
        guard stderrIsTTY else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func bold(_ s: String) -> String { stdoutIsTTY ? "\u{1B}[1m" + s + "\u{1B}[0m" : s }
    static func dim(_ s: String) -> String { stdoutIsTTY ? "\u{1B}[2m" + s + "\u{1B}[0m" : s }
}

/// A failure the CLI reports as one `quarry: …` line and a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Runs a command body, turning any error into one `quarry: …` line on stderr and exit status 1
/// (2 for query syntax errors), instead of ArgumentParser's generic rendering.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ExitCode {
        throw e
    } catch let e as SearchError {
        Terminal.clearProgress()
        Terminal.err("quarry: \(e)")
        if case .query = e { throw ExitCode(2) }
        throw ExitCode(1)
    } catch {
        Terminal.clearProgress()
        Terminal.err("quarry: \(error)")
        throw ExitCode(1)
    }
}
