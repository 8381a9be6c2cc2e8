/// Line-by-line mojibake repair of a byte stream: the logic behind `quarry fix-text`.
///
/// A line is the bytes up to and including 0x0A; U+0085 and U+2028 are ordinary content, and
/// a final line without 0x0A stays without one. Each line is decoded with `LenientUTF8`
/// (invalid bytes as windows-1252, never dropped), repaired with `MojibakeRepair`, and
/// re-encoded as UTF-8. In JSON mode each line holds one JSON string literal and so does each
/// output line. Feed chunks of any size; memory is one line. Cost: O(n) plus the repair.
public struct TextRepairStream {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// A `--json` line was not a JSON string literal. `line` counts from 1.
        case invalidJSON(line: Int, JSONStringLiteral.SyntaxError)

        public var description: String {
            switch self {
            case .invalidJSON(let line, let error): "line \(line): not a JSON string literal: \(error)"
            }
        }
    }

    public let json: Bool
    /// Lines processed so far.
    public private(set) var lineCount = 0
    /// Lines that `MojibakeRepair` changed.
    public private(set) var repairedCount = 0
    private var pending: [UInt8] = []

    public init(json: Bool = false) { self.json = json }

    /// Processes the complete lines in `chunk` (plus what earlier chunks left over) and passes
    /// each output line's UTF-8 bytes to `emit`.
    public mutating func consume(_ chunk: some Sequence<UInt8>, emit: ([UInt8]) -> Void) throws(Failure) {
        pending.append(contentsOf: chunk)
        guard let lastNewline = pending.lastIndex(of: 0x0A) else { return }
        var start = 0
        while start <= lastNewline, let newline = pending[start...].firstIndex(of: 0x0A) {
            emit(try processLine(pending[start..<newline], terminated: true))
            start = newline + 1
        }
        pending.removeFirst(start)
    }

    /// Processes a final line that had no terminating 0x0A, if any.
    public mutating func finish(emit: ([UInt8]) -> Void) throws(Failure) {
        guard !pending.isEmpty else { return }
        let line = pending
        pending = []
        emit(try processLine(line[...], terminated: false))
    }

    /// Repairs one line (without its 0x0A) and returns the output bytes.
    private mutating func processLine(_ bytes: ArraySlice<UInt8>, terminated: Bool) throws(Failure) -> [UInt8] {
        lineCount += 1
        var text = LenientUTF8.decode(bytes)
        if json {
            do { text = try JSONStringLiteral.parse(text) } catch { throw .invalidJSON(line: lineCount, error) }
        }
        if let fixed = MojibakeRepair.repair(text) {
            repairedCount += 1
            text = fixed
        }
        if json { text = JSONStringLiteral.encode(text) }
        var out = Array(text.utf8)
        if terminated { out.append(0x0A) }
        return out
    }
}
