/// The seam through which the index touches files. Production uses `FSDirectory`; tests wrap it
/// to inject failures (ENOSPC during a flush, a crash between two steps) and check that the
/// previous commit always stays readable.
public protocol IndexDirectory: Sendable {
    /// The directory's path, for messages.
    var path: String { get }
    /// Creates `name` with `bytes`, durably (data fsynced before returning).
    func write(_ name: String, _ bytes: [UInt8]) throws(IndexError)
    /// Creates `name` for writing front to back; durable once the output is closed. The default
    /// (see `BufferedIndexOutput`) buffers the file and calls `write` on close.
    func createOutput(_ name: String) throws(IndexError) -> any IndexOutput
    func read(_ name: String) throws(IndexError) -> [UInt8]
    func map(_ name: String) throws(IndexError) -> MappedFile
    /// Atomically replaces `to` with `from`.
    func rename(_ from: String, _ to: String) throws(IndexError)
    /// Makes renames and creations durable (fsync of the directory).
    func sync() throws(IndexError)
    func list() throws(IndexError) -> [String]
    func delete(_ name: String)
    func size(_ name: String) -> Int64?
    /// What identifies `name`'s content without reading it (see `ChecksumLedger`); nil when the
    /// directory cannot tell, and then every open verifies.
    func identity(_ name: String) -> FileIdentity?
    /// Takes the single-writer lock; released when the returned object is released or the process dies.
    func lock() throws(IndexError) -> WriterLock
}

extension IndexDirectory {
    public func identity(_ name: String) -> FileIdentity? { nil }
}

/// A directory on the local file system.
public struct FSDirectory: IndexDirectory {
    public let path: String

    /// Opens (and with `create`, makes) the directory at `path`.
    public init(path: String, create: Bool = false) throws(IndexError) {
        self.path = path
        if create { try Syscalls.makeDirectory(path) }
        guard Syscalls.exists(path) else { throw .noIndex(path: path) }
    }

    private func full(_ name: String) -> String { path + "/" + name }

    public func write(_ name: String, _ bytes: [UInt8]) throws(IndexError) {
        try Syscalls.writeFile(full(name), bytes, name: full(name))
    }

    /// Streams to the file as the caller writes (nothing is buffered beyond the caller's chunks).
    public func createOutput(_ name: String) throws(IndexError) -> any IndexOutput {
        try FileIndexOutput(path: full(name))
    }

    public func read(_ name: String) throws(IndexError) -> [UInt8] { try Syscalls.readFile(full(name), name: full(name)) }

    public func map(_ name: String) throws(IndexError) -> MappedFile { try MappedFile(path: full(name), name: full(name)) }

    public func rename(_ from: String, _ to: String) throws(IndexError) {
        try Syscalls.rename(full(from), full(to), name: full(to))
    }

    public func sync() throws(IndexError) { try Syscalls.fsyncDirectory(path) }

    public func list() throws(IndexError) -> [String] { try Syscalls.list(path) }

    public func delete(_ name: String) { Syscalls.remove(full(name)) }

    public func size(_ name: String) -> Int64? { Syscalls.fileSize(full(name)) }

    public func identity(_ name: String) -> FileIdentity? { Syscalls.fileIdentity(full(name)) }

    public func lock() throws(IndexError) -> WriterLock { try WriterLock(path: full("write.lock")) }
}
