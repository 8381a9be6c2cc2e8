#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `lstat`/`stat` said about one path: only the fields the crawl needs.
struct FileStatus: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case regular, directory, symbolicLink, fifo, socket, characterDevice, blockDevice, other
    }

    var kind: Kind
    var size: Int64
    var mtimeNanos: Int64
    /// (device, inode): a directory's identity, for symlink-loop detection.
    var identity: FileIdentity
}

/// A file's identity on this machine, independent of the path used to reach it.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
}

/// The one place the crawl makes system calls (`lstat`, `stat`, `opendir`/`readdir`).
///
/// Why raw POSIX and not FileManager: the crawl is a hot path (thousands of files per build);
/// `readdir` plus one `lstat` per entry is the minimum the kernel can do, and FileManager's
/// attribute dictionaries cost an allocation per key. Nothing here opens a file for reading, so a
/// FIFO or a device in the crawl can never block or be consumed. Failures come back as a
/// human-readable reason (from `strerror`), never as a crash.
enum FileSystemCalls {
    /// `lstat` (`followSymlinks` false) or `stat` (true).
    static func status(_ path: String, followSymlinks: Bool) -> Result<FileStatus, FileSystemFailure> {
        var info = stat()
        let rc = followSymlinks ? stat(path, &info) : lstat(path, &info)
        guard rc == 0 else { return .failure(FileSystemFailure(code: errno)) }
        let kind: FileStatus.Kind
        switch UInt32(info.st_mode) & 0o170000 {
        case 0o100000: kind = .regular
        case 0o040000: kind = .directory
        case 0o120000: kind = .symbolicLink
        case 0o010000: kind = .fifo
        case 0o140000: kind = .socket
        case 0o020000: kind = .characterDevice
        case 0o060000: kind = .blockDevice
        default: kind = .other
        }
        #if canImport(Darwin)
        let mtime = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return .success(FileStatus(kind: kind, size: Int64(info.st_size), mtimeNanos: mtime,
                                   identity: FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))))
    }

    /// The raw (byte) names in a directory, `.` and `..` excluded, in the order `readdir` gives.
    static func directoryEntries(_ path: String) -> Result<[[UInt8]], FileSystemFailure> {
        guard let directory = opendir(path) else { return .failure(FileSystemFailure(code: errno)) }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { return .failure(FileSystemFailure(code: errno)) }
                break
            }
            // Read d_name in place (records are sized to their names; never copy the struct).
            guard let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) else { continue }
            let cName = (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: UInt8.self)
            let name = Array(UnsafeBufferPointer(start: cName, count: strlen(UnsafeRawPointer(cName).assumingMemoryBound(to: CChar.self))))
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return .success(names)
    }
}

/// A failed system call: the errno and its message.
struct FileSystemFailure: Error, Sendable, Equatable {
    var code: Int32

    var reason: String { String(cString: strerror(code)) }
}
