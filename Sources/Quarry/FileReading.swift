import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Bounded, non-blocking whole-file reads for ingest.
///
/// Why not `FileHandle`: a crawl file may have become a FIFO, a device or a symbolic link since
/// the walk listed it, and may be any size. Here the file is opened with `O_NONBLOCK` (opening a
/// FIFO never waits for a writer) and `O_NOFOLLOW` unless links are followed, then `fstat` must
/// say "regular file" before a single byte is read; at most `limit` bytes are read, so a huge
/// file costs bounded memory and time. Cost: one `open`, one `fstat`, usually two `read`s (the
/// second sees the end), straight into the returned array.
enum FileReading {
    struct ReadError: Error, CustomStringConvertible {
        var description: String
        /// Summary category ("vanished", "unreadable", "not a regular file").
        var category: String
    }

    struct Contents {
        var bytes: [UInt8]
        /// Size of the file when it was opened (may exceed `bytes.count` when truncated).
        var fileSize: Int64
        var truncated: Bool
    }

    static func read(_ path: String, limit: Int, followSymlinks: Bool) throws(ReadError) -> Contents {
        var flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC
        if !followSymlinks { flags |= O_NOFOLLOW }
        let fd = open(path, flags)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ENOENT: throw ReadError(description: "vanished during the crawl", category: "vanished")
            case ELOOP: throw ReadError(description: "became a symbolic link during the crawl, not followed",
                                        category: "symbolic link")
            default: throw ReadError(description: String(cString: strerror(code)), category: "unreadable")
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ReadError(description: String(cString: strerror(errno)), category: "unreadable")
        }
        guard UInt32(info.st_mode) & 0o170000 == 0o100000 else {
            throw ReadError(description: "no longer a regular file, not read", category: "not a regular file")
        }
        let size = Int64(info.st_size)
        let capacity = Int(min(Int64(max(limit, 0)), max(size, 0)))
        // Read straight into the result (one byte more than expected, so a file that grew since
        // fstat is noticed): no zero-filled bounce buffer and no second copy per file.
        var failure: Int32 = 0
        var atEnd = false
        var out = [UInt8](unsafeUninitializedCapacity: capacity + 1) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < buffer.count {
                // Safe: `read` writes at most `buffer.count - initialized` bytes past the
                // initialized prefix, and `initialized` then counts exactly the bytes written.
                let n = systemRead(fd, base + initialized, buffer.count - initialized)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 {
                    atEnd = true
                    return
                }
                initialized += n
            }
        }
        if failure != 0 { throw ReadError(description: String(cString: strerror(failure)), category: "unreadable") }
        if !atEnd && out.count <= limit {
            // The file grew since fstat: read on in chunks, up to one byte past the limit.
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while out.count <= limit {
                let want = min(chunk.count, limit + 1 - out.count)
                let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, want) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ReadError(description: String(cString: strerror(errno)), category: "unreadable")
                }
                if n == 0 { break }
                out.append(contentsOf: chunk[0..<n])
            }
        }
        let truncated = out.count > limit
        if truncated { out.removeSubrange(limit...) }
        return Contents(bytes: out, fileSize: max(size, Int64(out.count)), truncated: truncated)
    }
}

/// `read(2)`, named apart from `FileReading.read`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}
