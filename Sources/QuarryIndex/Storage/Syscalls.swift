#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The index's only door to the operating system's file calls (besides `mmap` in MappedFile).
/// Keeping them in one place lets tests replace the directory with a fault-injecting one.
enum Syscalls {

    /// Hands memory the allocator holds but no longer uses back to the kernel (glibc's
    /// `malloc_trim`). Called after a flush and between a merge's phases: freed buffers otherwise
    /// stay in the process's RSS, and the memory budget is about RSS.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        _ = quarry_malloc_trim(0)
        #endif
    }
    static func error(path: String, operation: String) -> IndexError {
        let e = errno
        return .io(path: path, operation: operation, errno: e, message: String(cString: strerror(e)))
    }

    /// Writes `bytes` to a new file at `path` and fsyncs it.
    static func writeFile(_ path: String, _ bytes: [UInt8], name: String) throws(IndexError) {
        let fd = try createFile(path, name: name)
        let failure: IndexError? = bytes.withUnsafeBytes { buf in
            do throws(IndexError) { try writeAll(fd, buf, name: name) } catch { return error }
            return nil
        }
        if let failure {
            abandonFile(fd, path)
            throw failure
        }
        try closeFile(fd, path, name: name)
    }

    /// Creates (or truncates) `path` for writing; returns its descriptor.
    static func createFile(_ path: String, name: String) throws(IndexError) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw error(path: name, operation: "create") }
        return fd
    }

    /// Writes all of `buf` to `fd` (retrying short writes and EINTR).
    static func writeAll(_ fd: Int32, _ buf: UnsafeRawBufferPointer, name: String) throws(IndexError) {
        var done = 0
        while done < buf.count {
            let n = write(fd, buf.baseAddress! + done, buf.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw error(path: name, operation: "write")
            }
            done += n
        }
    }

    /// Fsyncs and closes a file made by `createFile`; on failure removes it.
    static func closeFile(_ fd: Int32, _ path: String, name: String) throws(IndexError) {
        let failure: IndexError? = fsync(fd) != 0 ? error(path: name, operation: "fsync") : nil
        close(fd)
        if let failure {
            unlink(path)
            throw failure
        }
    }

    /// Closes and removes a file whose writing failed.
    static func abandonFile(_ fd: Int32, _ path: String) {
        close(fd)
        unlink(path)
    }

    static func readFile(_ path: String, name: String) throws(IndexError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(path: name, operation: "open") }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw error(path: name, operation: "read")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    static func rename(_ from: String, _ to: String, name: String) throws(IndexError) {
        guard Glibc.rename(from, to) == 0 else { throw error(path: name, operation: "rename") }
    }

    static func fsyncDirectory(_ path: String) throws(IndexError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw error(path: path, operation: "open directory") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw error(path: path, operation: "fsync directory") }
    }

    static func list(_ path: String) throws(IndexError) -> [String] {
        guard let dir = opendir(path) else { throw error(path: path, operation: "list") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            // Read d_name in place: glibc sizes each record to its name (d_reclen), so copying
            // the whole `dirent` struct out would read past the end of a short record.
            guard let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) else { continue }
            let name = String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func remove(_ path: String) { unlink(path) }

    static func makeDirectory(_ path: String) throws(IndexError) {
        var components: [String] = []
        var current = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            components.append(String(part))
            current = components.joined(separator: "/")
            if current.isEmpty { continue }
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw error(path: current, operation: "create directory")
            }
        }
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Device, inode, size and status-change time (ns) of `path`: what changes whenever the
    /// file's content does (writing a file updates its ctime, which no user call can set back).
    static func fileIdentity(_ path: String) -> FileIdentity? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                            changeTime: Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec))
    }

    static func fileSize(_ path: String) -> Int64? {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : nil
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim` (declared in <malloc.h>, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func quarry_malloc_trim(_ pad: Int) -> Int32
#endif
