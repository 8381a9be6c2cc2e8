/// The frame around every index file: a header naming the file kind and format version, and a
/// footer with the body length and a CRC-32C, so truncation, a foreign file or a flipped byte
/// is detected before any structure is trusted.
///
/// ```
/// file   := header body footer
/// header := "QRRY" kind:4 bytes ASCII  version:u32
/// footer := bodyLength:u64  crc32c(header ‖ body ‖ bodyLength):u32  "YRRQ"
/// ```
public enum FileEnvelope {
    public static let headerSize = 12
    public static let footerSize = 16
    static let magic: [UInt8] = Array("QRRY".utf8)
    static let footerMagic: [UInt8] = Array("YRRQ".utf8)

    /// Starts a file of `kind` (4 ASCII characters) and `version`.
    public static func begin(kind: String, version: UInt32, capacity: Int = 0) -> ByteWriter {
        var w = ByteWriter(capacity: capacity + headerSize + footerSize)
        w.append(magic)
        w.append(Array(kind.utf8.prefix(4)))
        w.u32(version)
        return w
    }

    /// Appends the footer and returns the file's bytes.
    public static func finish(_ w: consuming ByteWriter) -> [UInt8] {
        var w = w
        w.reserveCapacity(w.count + footerSize)  // exactly: growing would double the buffer
        let bodyLength = UInt64(w.count - headerSize)
        w.u64(bodyLength)
        let crc = CRC32C.checksum(w.bytes)
        w.u32(crc)
        w.append(footerMagic)
        return w.bytes
    }

    /// Checks header and footer (and, with `verifyChecksum`, the CRC over the whole file) and
    /// returns a reader over the body. Without the checksum this is O(1), which keeps opening
    /// an index independent of its size; `quarry check` verifies everything.
    public static func open(_ file: MappedFile, kind: String, version: UInt32,
                            verifyChecksum: Bool) throws(IndexError) -> ByteReader {
        let b = file.bytes
        let name = file.name
        guard b.count >= headerSize + footerSize else {
            throw .corrupt(file: name, reason: "file is \(b.count) bytes, shorter than its frame")
        }
        guard Array(b[0..<4]) == magic else { throw .corrupt(file: name, reason: "not a quarry index file (bad magic)") }
        guard Array(b[4..<8]) == Array(kind.utf8.prefix(4)) else {
            throw .corrupt(file: name, reason: "expected a \(kind) file, found \(String(decoding: b[4..<8], as: UTF8.self))")
        }
        var r = file.reader()
        r.offset = 8
        let found = try r.u32()
        guard found == version else { throw .unsupportedVersion(file: name, found: found, supported: version) }
        r.offset = b.count - footerSize
        let bodyLength = try r.u64()
        let crc = try r.u32()
        guard Array(b[(b.count - 4)...]) == footerMagic else { throw .corrupt(file: name, reason: "missing footer (truncated?)") }
        guard bodyLength == UInt64(b.count - headerSize - footerSize) else {
            throw .corrupt(file: name, reason: "footer says \(bodyLength) body bytes, file has \(b.count - headerSize - footerSize)")
        }
        if verifyChecksum {
            let actual = CRC32C.update(0, UnsafeRawBufferPointer(rebasing: b[0..<(b.count - 8)]))
            guard actual == crc else { throw .corrupt(file: name, reason: "checksum mismatch") }
        }
        return try file.reader().slice(at: headerSize, count: Int(bodyLength))
    }
}
