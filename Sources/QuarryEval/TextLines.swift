import Foundation

/// Line and field splitting shared by the three TREC text formats.
///
/// Works on the UTF-8 bytes so a multi-megabyte run file is split without per-`Character`
/// grapheme work; `\r\n` endings are accepted. Blank lines are skipped, as trec_eval does.
enum TextLines {
    /// Reads a whole file as UTF-8, mapping failures to ``EvalError/Kind/unreadable``.
    static func read(path: String) throws(EvalError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw EvalError(.unreadable, file: path, detail: "no such file")
        }
        if isDirectory.boolValue { throw EvalError(.unreadable, file: path, detail: "is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw EvalError(.unreadable, file: path, detail: Self.reason(error))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw EvalError(.unreadable, file: path, detail: "not UTF-8 text")
        }
        return text
    }

    /// Calls `body` with each non-blank line (without its line ending) and its 1-based number.
    static func forEachLine(
        in text: String, _ body: (Substring, Int) throws(EvalError) -> Void
    ) throws(EvalError) {
        var number = 0
        for raw in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(raw)
            if line.utf8.last == UInt8(ascii: "\r") { line = Substring(line.utf8.dropLast()) }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            try body(line, number)
        }
    }

    /// Splits on runs of spaces and tabs (trec_eval's whitespace-separated fields).
    static func fields(_ line: Substring) -> [Substring] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return nsError.localizedDescription
    }
}
