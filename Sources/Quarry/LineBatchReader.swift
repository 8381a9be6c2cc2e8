import Foundation

/// Reads a file's lines front to back, a batch at a time, through a buffer of about a
/// megabyte — so indexing a JSON-lines file costs memory for one batch of lines, not for the
/// file (reading it whole, or mapping and touching it, would add its size to the peak RSS).
///
/// Lines are split at "\n" exactly as `split(separator:omittingEmptySubsequences: false)`
/// would: a file ending in a newline ends with one empty line.
final class LineBatchReader {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEOF = false
    private var finished = false
    static let chunkSize = 1 << 20

    init(path: String) throws(IndexError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.error(path, "open") }
    }

    deinit { close(fd) }

    private static func error(_ path: String, _ operation: String) -> IndexError {
        .io(path: path, operation: operation, errno: errno, message: String(cString: strerror(errno)))
    }

    /// Appends up to one chunk to the buffer (dropping consumed bytes first); false at end of file.
    private func fill() throws(IndexError) -> Bool {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        var n = 0
        while true {
            n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, Self.chunkSize) }
            if n >= 0 || errno != EINTR { break }
        }
        buffer.removeSubrange((old + max(n, 0))...)
        guard n >= 0 else { throw Self.error(path, "read") }
        return n > 0
    }

    /// The next up to `count` lines (without their "\n"); empty once every line was returned.
    func next(_ count: Int) throws(IndexError) -> [Data] {
        var lines: [Data] = []
        while lines.count < count && !finished {
            if let nl = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(Data(buffer[start..<nl]))
                start = nl + 1
            } else if atEOF {
                lines.append(Data(buffer[start...]))  // the last line (empty after a final newline)
                start = buffer.count
                finished = true
            } else if try !fill() {
                atEOF = true
            }
        }
        return lines
    }

    /// Lines in the file (newlines + 1), counted by a streaming pass that leaves this reader's
    /// position alone: for progress reports.
    static func countLines(path: String) throws(IndexError) -> Int {
        let r = try LineBatchReader(path: path)
        var newlines = 0
        while try r.fill() {
            newlines += r.buffer.withUnsafeBufferPointer { b in
                var n = 0
                for byte in b where byte == UInt8(ascii: "\n") { n += 1 }
                return n
            }
            r.buffer.removeAll(keepingCapacity: true)
        }
        return newlines + 1
    }
}
