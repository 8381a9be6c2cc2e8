/// A file being written front to back, so that a large segment file (postings, positions,
/// stored fields) never has to exist whole in memory: callers hand it chunks as they produce
/// them and `close` makes it durable.
///
/// A file is only trusted once a commit names it, so a half-written output left behind by a
/// failure is harmless (the next writer deletes it); outputs still remove what they can.
public protocol IndexOutput: AnyObject {
    /// Bytes written so far.
    var count: Int { get }
    /// Appends `bytes` to the file.
    func write(_ bytes: UnsafeRawBufferPointer) throws(IndexError)
    /// Flushes and fsyncs the file; no write may follow.
    func close() throws(IndexError)
}

/// An output that assembles the file in memory and hands it to `IndexDirectory.write` on
/// `close`: the default for directories without a streaming path (the fault-injecting test
/// directory), so that a file is still one write operation there.
final class BufferedIndexOutput: IndexOutput {
    private let directory: any IndexDirectory
    private let name: String
    private var bytes: [UInt8] = []

    init(directory: any IndexDirectory, name: String) {
        self.directory = directory
        self.name = name
    }

    var count: Int { bytes.count }

    func write(_ chunk: UnsafeRawBufferPointer) throws(IndexError) { bytes.append(contentsOf: chunk) }

    func close() throws(IndexError) {
        try directory.write(name, bytes)
        bytes = []
    }
}

extension IndexDirectory {
    /// Default: buffer the whole file and write it on `close`.
    public func createOutput(_ name: String) throws(IndexError) -> any IndexOutput {
        BufferedIndexOutput(directory: self, name: name)
    }
}

/// Streams one framed index file (see `FileEnvelope`) to an `IndexOutput`: the header on
/// creation, body chunks as they are drained from a `ByteWriter`, and the footer, whose CRC is
/// kept running over everything written, on `finish`.
///
/// Memory: only what the caller has not drained yet; drain every megabyte or so.
struct EnvelopeOutput {
    private let output: any IndexOutput
    private var crc: UInt32 = 0
    /// Bytes written, header included: where the next drained byte lands in the file.
    private(set) var count = 0

    init(_ output: any IndexOutput, kind: String, version: UInt32) throws(IndexError) {
        self.output = output
        let header = FileEnvelope.begin(kind: kind, version: version)
        try write(header.bytes)
    }

    /// Offset in the body (header excluded) of the next byte written.
    var bodyCount: Int { count - FileEnvelope.headerSize }

    mutating func write(_ bytes: [UInt8]) throws(IndexError) {
        guard !bytes.isEmpty else { return }
        let output = self.output
        let (crc, failure) = bytes.withUnsafeBytes { raw -> (UInt32, IndexError?) in
            do throws(IndexError) { try output.write(raw) } catch { return (0, error) }
            return (CRC32C.update(self.crc, raw), nil)
        }
        if let failure { throw failure }
        self.crc = crc
        count += bytes.count
    }

    /// Writes `writer`'s bytes and empties it (keeping its capacity for reuse).
    mutating func drain(_ writer: inout ByteWriter) throws(IndexError) {
        try write(writer.bytes)
        writer.removeAll()
    }

    /// Writes the footer and closes the output.
    mutating func finish() throws(IndexError) {
        var footer = ByteWriter()
        footer.u64(UInt64(bodyCount))
        let withLength = footer.bytes.withUnsafeBytes { CRC32C.update(crc, $0) }
        footer.u32(withLength)
        footer.append(FileEnvelope.footerMagic)
        let output = self.output
        let failure: IndexError? = footer.bytes.withUnsafeBytes { raw in
            do throws(IndexError) { try output.write(raw) } catch { return error }
            return nil
        }
        if let failure { throw failure }
        count += footer.count
        try output.close()
    }
}

/// `FSDirectory`'s output: each chunk goes straight to the file (callers write in chunks of
/// about a megabyte, so no buffer of its own); a failed write removes the file.
final class FileIndexOutput: IndexOutput {
    private let path: String
    private var fd: Int32
    private(set) var count = 0

    init(path: String) throws(IndexError) {
        self.path = path
        fd = try Syscalls.createFile(path, name: path)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(IndexError) {
        guard fd >= 0 else { throw .io(path: path, operation: "write", errno: 9, message: "file already closed") }
        do {
            try Syscalls.writeAll(fd, bytes, name: path)
        } catch {
            Syscalls.abandonFile(fd, path)
            fd = -1
            throw error
        }
        count += bytes.count
    }

    func close() throws(IndexError) {
        guard fd >= 0 else { throw .io(path: path, operation: "close", errno: 9, message: "file already closed") }
        let d = fd
        fd = -1
        try Syscalls.closeFile(d, path, name: path)
    }

    deinit {
        // Never closed: an error unwound past the writer; the partial file must not stay.
        if fd >= 0 { Syscalls.abandonFile(fd, path) }
    }
}
