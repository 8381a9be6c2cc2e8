/// A bounds-checked little-endian cursor over bytes of a mapped index file.
///
/// Every read checks the remaining length and throws `IndexError.corrupt` instead of reading
/// past the end, so damaged files fail cleanly. It holds the owning `MappedFile` (or array) so
/// the memory stays valid as long as the reader does.
public struct ByteReader {
    public let base: UnsafeRawBufferPointer
    public var offset: Int
    public let file: String
    private let owner: AnyObject?

    public init(_ base: UnsafeRawBufferPointer, file: String, offset: Int = 0, owner: AnyObject?) {
        self.base = base
        self.offset = offset
        self.file = file
        self.owner = owner
    }

    public var remaining: Int { base.count - offset }
    public var isAtEnd: Bool { offset >= base.count }

    @inline(__always)
    func corrupt(_ reason: String) -> IndexError { .corrupt(file: file, reason: reason + " at byte \(offset)") }

    @inline(__always)
    public mutating func u8() throws(IndexError) -> UInt8 {
        guard offset < base.count else { throw corrupt("unexpected end of data") }
        defer { offset += 1 }
        return base[offset]
    }

    public mutating func u32() throws(IndexError) -> UInt32 {
        guard offset + 4 <= base.count else { throw corrupt("unexpected end of data") }
        let v = UInt32(base[offset]) | UInt32(base[offset + 1]) << 8 | UInt32(base[offset + 2]) << 16
            | UInt32(base[offset + 3]) << 24
        offset += 4
        return v
    }

    public mutating func u64() throws(IndexError) -> UInt64 {
        let lo = try u32()
        let hi = try u32()
        return UInt64(lo) | UInt64(hi) << 32
    }

    @inline(__always)
    public mutating func vint() throws(IndexError) -> UInt32 {
        guard offset < base.count else { throw corrupt("unexpected end of data") }
        let b0 = base[offset]
        if b0 < 0x80 { offset += 1; return UInt32(b0) }
        let v = try vlong()
        guard v <= UInt64(UInt32.max) else { throw corrupt("variable-length integer too large") }
        return UInt32(v)
    }

    public mutating func vlong() throws(IndexError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < base.count else { throw corrupt("unexpected end of data") }
            let b = base[offset]
            offset += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
            guard shift < 64 else { throw corrupt("variable-length integer too long") }
        }
    }

    /// A variable-length integer used as a count or length, checked against what can fit.
    public mutating func vcount(max limit: Int) throws(IndexError) -> Int {
        let v = try vlong()
        guard v <= UInt64(limit) else { throw corrupt("length \(v) exceeds \(limit)") }
        return Int(v)
    }

    public mutating func bytes(_ n: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        guard n >= 0, n <= remaining else { throw corrupt("length \(n) exceeds remaining \(remaining)") }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: base[offset..<(offset + n)])
    }

    public mutating func lengthPrefixed() throws(IndexError) -> UnsafeRawBufferPointer {
        let n = try vcount(max: remaining)
        return try bytes(n)
    }

    public mutating func string() throws(IndexError) -> String {
        String(decoding: try lengthPrefixed(), as: UTF8.self)
    }

    /// Skips `count` variable-length integers by counting their final bytes (high bit clear),
    /// without assembling their values: how positions of documents a phrase did not ask for
    /// are passed over.
    public mutating func skipVInts(_ count: Int) throws(IndexError) {
        var left = count
        var o = offset
        let n = base.count
        // Eight bytes at a time: a varint ends at each byte below 0x80, so the number of
        // varints ending in a word is the count of its clear high bits. Whole words are skipped
        // while they end fewer varints than are left; the last one is found byte by byte.
        // Skipping the positions of documents a phrase does not need is a large share of
        // phrase-query time.
        if let start = base.baseAddress {
            let raw = UnsafeRawPointer(start)
            while o + 8 <= n {
                let ends = (~raw.loadUnaligned(fromByteOffset: o, as: UInt64.self) & 0x8080_8080_8080_8080).nonzeroBitCount
                if ends >= left { break }
                left -= ends
                o += 8
            }
        }
        while left > 0 {
            guard o < n else { throw corrupt("unexpected end of data") }
            if base[o] < 0x80 { left -= 1 }
            o += 1
        }
        offset = o
    }

    public mutating func skip(_ n: Int) throws(IndexError) {
        guard n >= 0, n <= remaining else { throw corrupt("skip of \(n) exceeds remaining \(remaining)") }
        offset += n
    }

    /// A reader over `count` bytes starting at `at`, sharing the owner.
    public func slice(at: Int, count: Int) throws(IndexError) -> ByteReader {
        guard at >= 0, count >= 0, at <= base.count, count <= base.count - at else {
            throw .corrupt(file: file, reason: "range \(at)+\(count) outside \(base.count) bytes")
        }
        return ByteReader(UnsafeRawBufferPointer(rebasing: base[at..<(at + count)]), file: file, owner: owner)
    }
}
