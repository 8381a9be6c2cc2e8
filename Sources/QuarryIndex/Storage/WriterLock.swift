#if canImport(Glibc)
import Glibc
#endif

/// The single-writer lock: an `flock` on `write.lock` holding the owner's pid.
///
/// `flock` is released by the kernel when the process dies, so a `kill -9` never leaves a stale
/// lock behind; the pid in the file only serves the error message of a second writer.
public final class WriterLock: @unchecked Sendable {
    private var fd: Int32

    init(path: String) throws(IndexError) {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Syscalls.error(path: path, operation: "open lock") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buf = [UInt8](repeating: 0, count: 32)
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 32, 0) }
            close(fd)
            let text = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self) : ""
            throw .locked(path: String(path.dropLast("/write.lock".count)),
                          pid: Int32(String(text.filter(\.isNumber))))
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Releases the lock now rather than at deinit.
    public func release() {
        if fd >= 0 {
            _ = ftruncate(fd, 0)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}

